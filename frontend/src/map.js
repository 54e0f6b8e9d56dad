// Where the events happened, on a world outline bundled from world-atlas (Natural Earth, 1:110m): no
// tile server, nothing fetched. One circle per place, sized by its events and coloured by their mean
// intensity; clicking a place filters on events within 50 km of it. Scroll or pinch to zoom.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { max } from "d3-array";
import { scaleSqrt } from "d3-scale";
import { select } from "d3-selection";
import { zoom } from "d3-zoom";
import { feature, mesh } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { loadInto, withParams } from "./api.js";
import { el, svg } from "./dom.js";
import { urlWith } from "./filters.js";
import { intensityFill, plural } from "./format.js";
import { intensityLegend } from "./legend.js";

const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
const NEAR_RADIUS_KM = 50;

// What the map is fitted to: the places with a margin of at least 25° by 15°, or the whole world.
function focus(places) {
  if (!places.length) return { type: "Sphere" };
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const padLon = Math.max(25, (east - west) * 0.1);
  const padLat = Math.max(15, (north - south) * 0.1);
  if (east - west + 2 * padLon > 300) return { type: "Sphere" };
  const corners = [[west - padLon, south - padLat], [east + padLon, north + padLat]]
    .map(([lon, lat]) => [Math.max(-180, Math.min(180, lon)), Math.max(-85, Math.min(85, lat))]);
  return { type: "MultiPoint", coordinates: [corners[0], corners[1], [corners[0][0], corners[1][1]], [corners[1][0], corners[0][1]]] };
}

export async function eventMap(container, search, filters, go) {
  const data = await loadInto(container, "/api/stats/places", withParams(filters, { n: 1000 }));
  if (!data) return;
  const width = Math.max(320, container.clientWidth || 600);
  const height = 400; // as tall as the network beside it
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], focus(data.places));
  // A wide, short focus leaves room above the pole: move the map up so the pole sits at the top edge.
  const poleY = projection([0, 90])[1];
  if (poleY > 0) projection.translate([projection.translate()[0], projection.translate()[1] - poleY]);
  const path = geoPath(projection);
  const size = scaleSqrt().domain([1, Math.max(1, max(data.places, (p) => p.events) ?? 1)]).range([3.5, 16]);

  const layer = svg("g", {},
    svg("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    svg("path", { class: "graticule", d: path(geoGraticule10()) }),
    svg("path", { class: "land", d: path(countries) }),
    svg("path", { class: "borders", d: path(borders) }));
  const dots = [];
  // Largest first, so small places stay on top and clickable.
  for (const place of [...data.places].sort((a, b) => b.events - a.events)) {
    const [px, py] = projection([place.lon, place.lat]);
    const name = place.name ?? `${place.lat}, ${place.lon}`;
    const near = `${place.lat},${place.lon}`;
    const dot = svg("circle", {
      class: "place", cx: px, cy: py, r: size(place.events), fill: intensityFill(place.mean_intensity), tabindex: 0,
      role: "button", "aria-label": `Filter on events near ${name}`, "data-place": name,
      onclick: () => go(urlWith(search, { near, radius: NEAR_RADIUS_KM })),
      onkeydown: (event) => { if (event.key === "Enter") go(urlWith(search, { near, radius: NEAR_RADIUS_KM })); },
    }, svg("title", {}, `${name}${place.country ? ` (${place.country})` : ""}: ${plural(place.events, "event")}`
      + `, mean intensity ${place.mean_intensity ?? "n/a"} — click to show events within ${NEAR_RADIUS_KM} km`));
    dots.push([dot, size(place.events)]);
    layer.append(dot);
  }
  const map = svg("svg", { class: "map", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `Map of ${plural(data.places.length, "place")}` }, layer);
  // Zoom the outline; keep the circles the same size on screen so close places separate as you zoom in.
  select(map).call(zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [width, height]]).on("zoom", ({ transform }) => {
    layer.setAttribute("transform", transform.toString());
    for (const [dot, r] of dots) dot.setAttribute("r", r / transform.k);
    layer.style.setProperty("--stroke-scale", 1 / transform.k);
  }));
  const located = data.places.reduce((n, p) => n + p.events, 0);
  container.replaceChildren(el("div", { class: "chart" }, map),
    el("div", { class: "legend-row" }, intensityLegend("Colour: mean intensity"),
      el("span", { class: "hint" }, `${plural(located, "event")} with coordinates at ${plural(data.places.length, "place")}. Circle area: events.`)));
}
