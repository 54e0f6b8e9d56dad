// How records are shown: names of actors, dates, places, and the colours shared by every view.
import { scaleDiverging, scaleOrdinal } from "d3-scale";
import { interpolateRdYlBu, schemeTableau10, schemePaired } from "d3-scale-chromatic";

export const QUAD_CLASSES = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};
// Cooperation in blues, conflict in oranges/reds, so the quad colours read like the intensity scale.
export const QUAD_COLOURS = { 1: "#74a9cf", 2: "#0570b0", 3: "#fd8d3c", 4: "#bd0026", "-": "#9e9e9e" };

const typeScale = scaleOrdinal([...schemeTableau10, ...schemePaired]);
export function typeColour(type) {
  return type === "-" || !type ? "#9e9e9e" : typeScale(type);
}
export function groupColour(group, value) {
  return group === "quad_class" ? QUAD_COLOURS[value] ?? "#9e9e9e" : typeColour(value);
}
export function groupLabel(group, value) {
  if (group === "quad_class") return value === "-" ? "no quad class" : `${value} ${QUAD_CLASSES[value]}`;
  return value === "-" ? "CAMEO only (no PLOVER type)" : value;
}

// PLOVER intensity runs from -10 (most hostile) to +10 (most cooperative): red through yellow to blue.
export const intensityColour = scaleDiverging(interpolateRdYlBu).domain([-10, 0, 10]);
export function intensityFill(value) {
  return value === null || value === undefined ? "#9e9e9e" : intensityColour(value);
}

export function actorLabel(ref) {
  return ref.name ? ref.name : ref.text;
}

export function eventDate(record) {
  const date = record.date;
  if (!date?.start) return "undated";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

export function placeLabel(record) {
  const place = record.location;
  if (!place) return "";
  const name = place.name ?? place.text ?? "";
  return place.country && place.country !== name ? `${name} (${place.country})` : name;
}

export function shortDate(iso) {
  return iso ? iso.slice(0, 10) : "";
}

export function plural(n, word) {
  return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
}
