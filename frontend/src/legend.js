// The intensity colour scale as a small legend, shared by the network and the map.
import { el } from "./dom.js";
import { intensityColour } from "./format.js";

export function intensityLegend(title) {
  const bar = el("span", { class: "gradient" });
  const stops = [-10, -5, 0, 5, 10].map((v) => `${intensityColour(v)} ${((v + 10) / 20) * 100}%`);
  bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
  return el("span", { class: "intensity-legend" }, el("span", {}, title), el("span", { class: "scale" },
    el("small", {}, "−10 conflict"), bar, el("small", {}, "+10 cooperation")));
}
