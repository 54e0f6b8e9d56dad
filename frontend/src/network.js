// Who acts on whom for the current filters: arrows from source to target, as thick as their number of
// events, coloured by their mean PLOVER intensity. Clicking an actor filters the whole page on it.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { max } from "d3-array";
import { scaleLinear, scaleSqrt } from "d3-scale";
import { loadInto, withParams } from "./api.js";
import { el, notice, svg } from "./dom.js";
import { urlWith } from "./filters.js";
import { intensityFill, plural } from "./format.js";
import { intensityLegend } from "./legend.js";

const HEIGHT = 400;

export async function network(container, search, filters, go) {
  const data = await loadInto(container, "/api/stats/network", withParams(filters, { edges: 60 }));
  if (!data) return;
  if (!data.edges.length) {
    container.replaceChildren(notice("No source → target pair among these events.", "info"));
    return;
  }
  const width = Math.max(320, container.clientWidth || 600);
  const nodes = data.nodes.map((node) => ({ ...node }));
  const links = data.edges.map((edge) => ({ ...edge }));
  const radius = scaleSqrt().domain([1, max(nodes, (n) => n.events)]).range([5, 18]);
  const thickness = scaleLinear().domain([1, Math.max(2, max(links, (l) => l.events))]).range([1.2, 7]);

  // Laid out before drawing (no animation): the same data gives the same picture in every screenshot.
  const simulation = forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.key).distance(nodes.length < 8 ? 170 : 90))
    .force("charge", forceManyBody().strength(-260))
    .force("collide", forceCollide((n) => radius(n.events) + 14))
    .force("x", forceX(width / 2).strength(0.06))
    .force("y", forceY(HEIGHT / 2).strength(0.1))
    .force("center", forceCenter(width / 2, HEIGHT / 2))
    .stop();
  for (let i = 0; i < 300; i += 1) simulation.tick();
  // Keep every circle and its label (centred under it) inside the picture.
  for (const node of nodes) {
    const r = radius(node.events);
    const halfLabel = Math.min(80, node.name.length * 3.2);
    node.x = Math.min(width - Math.max(r, halfLabel) - 4, Math.max(Math.max(r, halfLabel) + 4, node.x));
    node.y = Math.min(HEIGHT - r - 18, Math.max(r + 4, node.y));
  }

  const graph = svg("svg", { class: "network", width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
    "aria-label": `Actor network: ${plural(nodes.length, "actor")}, ${plural(links.length, "pair")}` });
  for (const link of links) graph.append(edgeShape(link, radius, thickness));
  const params = new URLSearchParams(search);
  for (const node of nodes) {
    const filter = node.actor_id ? { actor: node.actor_id, actor_country: null } : { actor_country: node.country, actor: null };
    const selected = node.actor_id ? params.get("actor") === node.actor_id : params.get("actor_country") === node.country;
    graph.append(svg("g", {
      class: `node${selected ? " selected" : ""}`, transform: `translate(${node.x},${node.y})`, tabindex: 0, role: "button",
      "data-key": node.key, "aria-label": `Filter on ${node.name}`,
      onclick: () => go(urlWith(search, filter)),
      onkeydown: (event) => { if (event.key === "Enter") go(urlWith(search, filter)); },
    },
    svg("circle", { r: radius(node.events) }),
    svg("text", { y: radius(node.events) + 12, "text-anchor": "middle" }, node.name),
    svg("title", {}, `${node.name}${node.country && node.country !== node.name ? ` (${node.country})` : ""}: ${plural(node.events, "event")} — click to filter`)));
  }
  container.replaceChildren(el("div", { class: "chart" }, graph),
    el("div", { class: "legend-row" }, intensityLegend("Edge colour: mean intensity"),
      el("span", { class: "hint" }, "Width: number of events. Click an actor to filter on it.")));
}

// A curved arrow from source to target, ending at the target's circle (so opposite pairs do not overlap).
function edgeShape(link, radius, thickness) {
  const { source: a, target: b } = link;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = 0.18 * length;
  const cx = (a.x + b.x) / 2 - (dy / length) * bend;
  const cy = (a.y + b.y) / 2 + (dx / length) * bend;
  // Stop at the target's rim, following the curve's last direction (control point -> target).
  const tx = b.x - cx;
  const ty = b.y - cy;
  const tl = Math.hypot(tx, ty) || 1;
  const rim = radius(b.events) + 2;
  const ex = b.x - (tx / tl) * rim;
  const ey = b.y - (ty / tl) * rim;
  const size = 5 + thickness(link.events);
  const ux = tx / tl;
  const uy = ty / tl;
  const head = [[ex, ey], [ex - ux * size - uy * size * 0.5, ey - uy * size + ux * size * 0.5],
    [ex - ux * size + uy * size * 0.5, ey - uy * size - ux * size * 0.5]];
  const colour = intensityFill(link.mean_intensity);
  const label = `${a.name} → ${b.name}: ${plural(link.events, "event")}, mean intensity ${link.mean_intensity ?? "n/a"}`;
  return svg("g", { class: "edge" },
    svg("path", { d: `M${a.x},${a.y} Q${cx},${cy} ${ex - ux * size * 0.8},${ey - uy * size * 0.8}`, stroke: colour,
      "stroke-width": thickness(link.events), fill: "none" }),
    svg("polygon", { points: head.map((p) => p.join(",")).join(" "), fill: colour }),
    svg("title", {}, label));
}
