// One command builds the page: `npm run build` bundles src/ (with the d3 modules and the world outline
// from node_modules) into ../src/eventwire/web/static/dist/, which the Python package serves. Nothing is
// fetched at run time: every library and the map data are inside app.js.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "src", "eventwire", "web", "static", "dist");
// Source maps would publish the unminified source next to the page: only for debugging, on request
// (`EVENTWIRE_SOURCEMAP=1 npm run build`), never in the default build.
const sourcemap = process.env.EVENTWIRE_SOURCEMAP === "1";

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  outdir: dist,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap,
  legalComments: "linked", // the d3/topojson licences go into app.js.LEGAL.txt beside the bundle
  loader: { ".json": "json" },
  logLevel: "info",
});
await copyFile(join(here, "src", "index.html"), join(dist, "index.html"));
// Pre-compressed copies, served to browsers that accept gzip (eventwire.web): about a third of the bytes,
// compressed once here instead of on every request.
for (const name of ["app.js", "style.css"]) {
  await writeFile(join(dist, `${name}.gz`), gzipSync(await readFile(join(dist, name)), { level: 9 }));
}
console.log(`built ${dist}`);
