// Who acts on whom for the current filters: arrows from source to target, as thick as their number of
// events, coloured by their mean PLOVER intensity. Clicking an actor filters the whole page on it, clicking an
// arrow on the events between the two (source -> target); either then scrolls to those events.
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
  for (const node of nodes) {
    const r = radius(node.events);
    node.x = Math.min(width - r - 4, Math.max(r + 4, node.x));
    node.y = Math.min(HEIGHT - r - 4, Math.max(r + 4, node.y));
  }

  const graph = svg("svg", { class: "network", width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "group",
    "aria-label": `Actor network: ${plural(nodes.length, "actor")}, ${plural(links.length, "pair")}` });
  const params = new URLSearchParams(search);
  const chosenSource = params.getAll("source");
  const chosenTarget = params.getAll("target");
  for (const link of links) {
    const between = { source: link.source.filter, target: link.target.filter };
    const selected = sameValues(chosenSource, between.source) && sameValues(chosenTarget, between.target);
    graph.append(edgeShape(link, radius, thickness, selected, () => go(urlWith(search, between), { focus: "events" })));
  }
  const chosenActors = params.getAll("actor");
  const labels = [];
  for (const node of nodes) {
    const filter = { actor: node.filter, actor_country: null };
    const selected = sameValues(chosenActors, node.filter);
    const label = svg("text", { "text-anchor": "middle" }, node.name);
    labels.push([node, label]);
    graph.append(svg("g", {
      class: `node${selected ? " selected" : ""}`, transform: `translate(${node.x},${node.y})`, tabindex: 0, role: "button",
      "data-key": node.key, "aria-label": `Filter on ${node.name}`,
      onclick: () => go(urlWith(search, filter), { focus: "events" }),
      onkeydown: (event) => { if (event.key === "Enter") go(urlWith(search, filter), { focus: "events" }); },
    },
    svg("circle", { r: radius(node.events) }),
    label,
    svg("title", {}, `${node.name}${node.country && node.country !== node.name ? ` (${node.country})` : ""}: ${plural(node.events, "event")} — click to filter`)));
  }
  container.replaceChildren(el("div", { class: "chart" }, graph),
    el("div", { class: "legend-row" }, intensityLegend("Edge colour: mean intensity"),
      el("span", { class: "hint" }, "Width: number of events. Click an actor to filter on it, an arrow for the events between the two.")));
  placeLabels(labels, nodes, radius, width);
}

function sameValues(a, b) {
  return a.length === b.length && a.every((value) => b.includes(value));
}

// Labels go where they overlap no other label and no circle, and stay inside the picture: below the circle,
// else above, right or left of it, else at a corner; the biggest actors choose first. A label that fits nowhere is hidden
// (its name stays in the circle's tooltip and aria-label) rather than drawn over another.
function placeLabels(labels, nodes, radius, width) {
  const placed = [];
  const circles = nodes.map((n) => ({ x: n.x, y: n.y, r: radius(n.events) }));
  const overlaps = (box) => placed.some((o) => box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1)
    || circles.some((c) => c.x + c.r > box.x0 && c.x - c.r < box.x1 && c.y + c.r > box.y0 && c.y - c.r < box.y1);
  const order = [...labels].sort(([a], [b]) => b.events - a.events);
  for (const [node, label] of order) {
    const r = radius(node.events);
    const w = label.getComputedTextLength() + 4;
    const h = 13;
    const candidates = [
      { dx: 0, dy: r + 11, anchor: "middle" }, { dx: 0, dy: -r - 4, anchor: "middle" },
      { dx: r + 3, dy: 4, anchor: "start" }, { dx: -r - 3, dy: 4, anchor: "end" },
      // Then the four corners, a little further out.
      { dx: r * 0.7 + 2, dy: r * 0.7 + 11, anchor: "start" }, { dx: -r * 0.7 - 2, dy: r * 0.7 + 11, anchor: "end" },
      { dx: r * 0.7 + 2, dy: -r * 0.7 - 3, anchor: "start" }, { dx: -r * 0.7 - 2, dy: -r * 0.7 - 3, anchor: "end" },
    ];
    let chosen = null;
    for (const c of candidates) {
      const left = c.anchor === "middle" ? node.x + c.dx - w / 2 : c.anchor === "start" ? node.x + c.dx : node.x + c.dx - w;
      // Shift sideways to stay inside the picture rather than cut the name at its edge.
      const shift = Math.max(0, 2 - left) - Math.max(0, left + w - (width - 2));
      const box = { x0: left + shift, x1: left + shift + w, y0: node.y + c.dy - h + 3, y1: node.y + c.dy + 3 };
      if (box.y0 < 0 || box.y1 > HEIGHT) continue;
      // The node's own circle does not count against its label.
      const own = circles.find((k) => k.x === node.x && k.y === node.y);
      circles.splice(circles.indexOf(own), 1);
      const blocked = overlaps(box);
      circles.push(own);
      if (!blocked) { chosen = { ...c, shift, box }; break; }
    }
    if (!chosen) {
      label.setAttribute("visibility", "hidden");
      label.classList.add("hidden-label");
      continue;
    }
    placed.push(chosen.box);
    label.setAttribute("x", chosen.dx + chosen.shift);
    label.setAttribute("y", chosen.dy);
    label.setAttribute("text-anchor", chosen.anchor);
  }
}

// A curved arrow from source to target, ending at the target's circle (so opposite pairs do not overlap).
function edgeShape(link, radius, thickness, selected, open) {
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
  const curve = `M${a.x},${a.y} Q${cx},${cy} ${ex - ux * size * 0.8},${ey - uy * size * 0.8}`;
  // A wide transparent copy of the curve takes the clicks: a thin arrow is hard to hit.
  return svg("g", { class: `edge${selected ? " selected" : ""}`, tabindex: 0, role: "button", "data-source": a.key, "data-target": b.key,
    "aria-label": `Show the events of ${a.name} towards ${b.name} (${plural(link.events, "event")})`,
    onclick: open, onkeydown: (event) => { if (event.key === "Enter") open(); } },
    svg("path", { class: "hit", d: curve, stroke: "transparent", "stroke-width": Math.max(10, thickness(link.events) + 6), fill: "none" }),
    svg("path", { class: "line", d: curve, stroke: colour, "stroke-width": thickness(link.events), fill: "none" }),
    svg("polygon", { points: head.map((p) => p.join(",")).join(" "), fill: colour }),
    svg("title", {}, label));
}
