// How records are shown: names of actors, dates, places, and the colours shared by every view.
import { scaleDiverging } from "d3-scale";
import { interpolateRdYlBu } from "d3-scale-chromatic";
// Fixed colours, chosen by frontend/tools/palette.py to stay apart for colour-blind readers too: the same
// type has the same colour on every load and in every view (a scale filled in the order types arrive
// would not).
import palette from "./palette.json";

export const QUAD_CLASSES = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};
// Cooperation in blues, conflict in orange and vermilion (Okabe-Ito), so they read like the intensity scale.
export const QUAD_COLOURS = palette.quad_classes;
export const TYPE_COLOURS = palette.types;
const UNKNOWN = "#999999";
// Legends and stacks list values in the palette's order (types from cooperation to conflict).
const ORDER = {
  type: Object.keys(TYPE_COLOURS),
  quad_class: Object.keys(QUAD_COLOURS).sort((a, b) => (a === "-") - (b === "-") || a.localeCompare(b)),
};

export function typeColour(type) {
  return TYPE_COLOURS[type || "-"] ?? UNKNOWN;
}
export function groupColour(group, value) {
  return group === "quad_class" ? QUAD_COLOURS[value] ?? UNKNOWN : typeColour(value);
}
// Sorts group values as the legend lists them; a value the palette lacks goes last, by name.
export function groupOrder(group, a, b) {
  const rank = (value) => { const i = ORDER[group].indexOf(String(value)); return i < 0 ? Infinity : i; };
  return rank(a) - rank(b) || String(a).localeCompare(String(b));
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

// A place known only as a country or region says so: its coordinates are a centroid, not a spot.
const AREA_LEVELS = { country: "country", admin1: "region", admin2: "district" };

export function placeLabel(record) {
  const place = record.location;
  if (!place) return "";
  const name = place.name ?? place.text ?? "";
  const label = place.country && place.country !== name ? `${name} (${place.country})` : name;
  return AREA_LEVELS[place.level] ? `${label} · ${AREA_LEVELS[place.level]}-level` : label;
}

export function shortDate(iso) {
  return iso ? iso.slice(0, 10) : "";
}

export function plural(n, word, many = `${word}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? word : many}`;
}
