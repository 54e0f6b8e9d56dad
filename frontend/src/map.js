// Where the events happened, on a world outline bundled from world-atlas (Natural Earth, 1:110m): no
// tile server, nothing fetched. Only point-level places (towns, sites) are circles, sized by their events
// and coloured by their mean intensity, the biggest labelled; places known only as a country or region
// (whose coordinates are a centroid, not where anything happened) are listed beside the map by area.
// Clicking either selects exactly the events it counts (at=LAT,LON). Scroll or pinch to zoom.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { max } from "d3-array";
import { scaleSqrt } from "d3-scale";
import { select as select_ } from "d3-selection";
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
const LEVEL_NAMES = { country: "country", admin1: "region", admin2: "district", city: "town", feature: "site" };
const LABELLED_AT_MOST = 8;

function levelName(level) {
  return LEVEL_NAMES[level] ?? "precision not known";
}

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
  const points = data.places.filter((place) => place.point);
  const areas = data.places.filter((place) => !place.point);
  const width = Math.max(320, container.clientWidth || 600);
  const height = 400; // as tall as the network beside it
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], focus(points.length ? points : data.places));
  // A wide, short focus leaves room above the pole: move the map up so the pole sits at the top edge.
  const poleY = projection([0, 90])[1];
  if (poleY > 0) projection.translate([projection.translate()[0], projection.translate()[1] - poleY]);
  const path = geoPath(projection);
  const size = scaleSqrt().domain([1, Math.max(1, max(points, (p) => p.events) ?? 1)]).range([3.5, 16]);
  const select = (place) => go(urlWith(search, { at: `${place.lat},${place.lon}`, at_name: placeName(place), near: null, radius: null }),
    { focus: "events" });

  const layer = svg("g", {},
    svg("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    svg("path", { class: "graticule", d: path(geoGraticule10()) }),
    svg("path", { class: "land", d: path(countries) }),
    svg("path", { class: "borders", d: path(borders) }));
  const dots = [];
  const labels = svg("g", { class: "labels" });
  const sorted = [...points].sort((a, b) => b.events - a.events);
  // Largest first, so small places stay on top and clickable.
  for (const place of sorted) {
    const [px, py] = projection([place.lon, place.lat]);
    const name = placeName(place);
    const dot = svg("circle", {
      class: "place", cx: px, cy: py, r: size(place.events), fill: intensityFill(place.mean_intensity), tabindex: 0,
      role: "button", "aria-label": `Show the ${plural(place.events, "event")} at ${name}`, "data-place": name,
      "data-level": place.level ?? "", onclick: () => select(place),
      onkeydown: (event) => { if (event.key === "Enter") select(place); },
    }, svg("title", {}, `${name}${place.country ? ` (${place.country})` : ""}, ${levelName(place.level)}: ${plural(place.events, "event")}`
      + `, mean intensity ${place.mean_intensity ?? "n/a"} — click to show them`));
    dots.push([dot, size(place.events)]);
    layer.append(dot);
  }
  // The biggest circles are named (beside the circle, white halo), unless the name would cover another.
  const taken = [];
  for (const place of sorted.slice(0, LABELLED_AT_MOST)) {
    const [px, py] = projection([place.lon, place.lat]);
    const r = size(place.events);
    const name = placeName(place);
    const w = name.length * 6.4;
    const box = { x0: px + r + 2, x1: px + r + 2 + w, y0: py - 7, y1: py + 6 };
    const flip = box.x1 > width - 2;
    if (flip) Object.assign(box, { x0: px - r - 2 - w, x1: px - r - 2 });
    if (taken.some((o) => box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1)) continue;
    taken.push(box);
    labels.append(svg("text", { x: flip ? px - r - 3 : px + r + 3, y: py + 4, "text-anchor": flip ? "end" : "start", "data-place": name }, name));
  }
  layer.append(labels);
  const map = svg("svg", { class: "map", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
    "aria-label": `Map of ${plural(points.length, "town or site", "towns or sites")}` });
  map.append(layer);
  // Zoom the outline; keep the circles and labels the same size on screen so close places separate as you zoom in.
  select_(map).call(zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [width, height]]).on("zoom", ({ transform }) => {
    layer.setAttribute("transform", transform.toString());
    for (const [dot, r] of dots) dot.setAttribute("r", r / transform.k);
    labels.style.setProperty("font-size", `${11 / transform.k}px`);
    layer.style.setProperty("--stroke-scale", 1 / transform.k);
  }));
  const pointEvents = points.reduce((n, p) => n + p.events, 0);
  const areaEvents = areas.reduce((n, p) => n + p.events, 0);
  const chosen = new URLSearchParams(search).get("at");
  const areaList = areas.length
    ? el("div", { class: "areas" }, el("h3", {}, `Known only by country or region: ${plural(areaEvents, "event")}`),
      el("ol", {}, [...areas].sort((a, b) => b.events - a.events).map((place) => el("li", {},
        el("button", { type: "button", class: `link area${chosen === `${place.lat},${place.lon}` ? " selected" : ""}`,
          "data-place": placeName(place), "data-level": place.level ?? "", onclick: () => select(place) },
        placeName(place)), el("small", {}, ` ${levelName(place.level)}`),
        el("span", { class: "count" }, place.events.toLocaleString("en"))))))
    : null;
  container.replaceChildren(el("div", { class: "chart" }, map),
    el("div", { class: "legend-row" }, intensityLegend("Colour: mean intensity"),
      el("span", { class: "hint" }, `Circles: ${plural(pointEvents, "event")} at ${plural(points.length, "town or site", "towns or sites")}`
        + " (area: events). Click a circle or an area for its events.")),
    areaList);
}

function placeName(place) {
  return place.name ?? `${place.lat}, ${place.lon}`;
}
