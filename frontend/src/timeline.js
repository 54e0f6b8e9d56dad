// Events per day, week or month, stacked by quad class or PLOVER type. The timeline ignores the date
// filter itself so the whole span stays visible; brushing a stretch sets since/until for every other
// view, and a click outside the brushed stretch clears them.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { max } from "d3-array";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { loadInto, withParams } from "./api.js";
import { el, notice, svg } from "./dom.js";
import { urlWith } from "./filters.js";
import { groupColour, groupLabel, groupOrder } from "./format.js";

const DAY_MS = 86_400_000;
const MARGIN = { top: 8, right: 12, bottom: 24, left: 36 };
const HEIGHT = 190;

function periodStart(period, by) {
  return new Date(by === "month" ? `${period}-01T00:00:00Z` : `${period}T00:00:00Z`);
}

function periodEnd(start, by) {
  if (by === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (by === "week" ? 7 : 1) * DAY_MS);
}

const isoDay = (date) => date.toISOString().slice(0, 10);

export async function timeline(container, search, filters, go) {
  const params = new URLSearchParams(search);
  const by = ["day", "week", "month"].includes(params.get("by")) ? params.get("by") : "week";
  const group = params.get("group") === "type" ? "type" : "quad_class";
  const withoutDates = new URLSearchParams(filters);
  withoutDates.delete("since");
  withoutDates.delete("until");

  const choice = (key, current, options) => el("div", { class: "segmented", role: "group", "aria-label": key },
    options.map(([value, label]) => el("button", {
      type: "button", "aria-pressed": String(value === current), onclick: () => go(urlWith(search, { [key]: value, page: params.get("page") })),
    }, label)));
  const controls = el("div", { class: "controls" },
    choice("by", by, [["day", "Day"], ["week", "Week"], ["month", "Month"]]),
    choice("group", group, [["quad_class", "Quad class"], ["type", "Type"]]),
    el("span", { class: "hint" }, "Drag across the chart to narrow the dates; click outside the selection to clear them."));

  const data = await loadInto(container, "/api/stats/counts", withParams(withoutDates, { by, group }), controls);
  if (!data) return;
  if (!data.counts.length) {
    container.replaceChildren(controls, notice("No dated event matches these filters.", "info"));
    return;
  }

  // Stack each period's groups in the legend's fixed order, so a type sits at the same height in every bar.
  const bars = [];
  const totals = new Map();
  const rows = [...data.counts].sort((a, b) => a.period.localeCompare(b.period) || groupOrder(group, a.group, b.group));
  for (const row of rows) {
    const below = totals.get(row.period) ?? 0;
    totals.set(row.period, below + row.events);
    const start = periodStart(row.period, by);
    bars.push({ ...row, start, end: periodEnd(start, by), y0: below, y1: below + row.events });
  }
  const width = Math.max(480, container.clientWidth || 900);
  let first = bars.reduce((a, b) => (a.start < b.start ? a : b)).start;
  let last = bars.reduce((a, b) => (a.end > b.end ? a : b)).end;
  // At least a dozen periods wide, so one busy week is a bar, not the whole chart (and ticks stay days).
  const periodMs = { day: 1, week: 7, month: 30.4 }[by] * DAY_MS;
  // Half a period of room at each end keeps the first and last bars off the axes.
  const missing = Math.max(periodMs, 12 * periodMs - (last - first));
  first = new Date(first.getTime() - missing / 2);
  last = new Date(last.getTime() + missing / 2);
  const x = scaleUtc().domain([first, last]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, max(totals.values())]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);

  const chart = svg("svg", { class: "timeline", width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
    "aria-label": `Events per ${by} by ${group === "type" ? "type" : "quad class"}` });
  for (const bar of bars) {
    const left = x(bar.start);
    chart.append(svg("rect", {
      x: left, y: y(bar.y1), width: Math.max(1.5, x(bar.end) - left - 1), height: Math.max(0, y(bar.y0) - y(bar.y1)),
      fill: groupColour(group, bar.group),
    }, svg("title", {}, `${bar.period}: ${bar.events} ${groupLabel(group, bar.group)}`)));
  }
  const axes = select(chart);
  axes.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`).call(axisBottom(x).ticks(width / 90));
  axes.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4).tickFormat((n) => (Number.isInteger(n) ? n : "")));

  const brush = brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, HEIGHT - MARGIN.bottom]])
    .on("end", ({ selection, sourceEvent }) => {
      if (!sourceEvent) return; // moved by the code below, not by the user
      if (!selection) {
        if (params.get("since") || params.get("until")) go(urlWith(search, { since: null, until: null }));
        return;
      }
      const since = isoDay(x.invert(selection[0]));
      const until = isoDay(new Date(x.invert(selection[1]).getTime() - 1)); // the stretch's last day
      go(urlWith(search, { since, until: until < since ? since : until }));
    });
  const brushLayer = axes.append("g").attr("class", "brush").call(brush);
  const since = params.get("since");
  const until = params.get("until");
  if (since || until) {
    const left = since ? x(new Date(`${since}T00:00:00Z`)) : MARGIN.left;
    const right = until ? x(new Date(new Date(`${until}T00:00:00Z`).getTime() + DAY_MS)) : width - MARGIN.right;
    const clamp = (v) => Math.min(width - MARGIN.right, Math.max(MARGIN.left, v));
    if (clamp(right) > clamp(left)) brushLayer.call(brush.move, [clamp(left), clamp(right)]);
  }

  const groups = [...new Set(bars.map((bar) => bar.group))].sort((a, b) => groupOrder(group, a, b));
  const legend = el("ul", { class: "legend", "aria-label": group === "type" ? "Colours of the types" : "Colours of the quad classes" },
    groups.map((value) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = groupColour(group, value);
      return el("li", { "data-group": value, "data-colour": groupColour(group, value) }, swatch, groupLabel(group, value));
    }));
  container.replaceChildren(controls, el("div", { class: "chart" }, chart), legend);
}
