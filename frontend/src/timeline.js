// Events per day, week or month, stacked by quad class or PLOVER type; the bin is chosen from the span of
// the dates (a day over a few months, a week over a few years, else a month) unless the URL says `by`.
// Only dates known to the day are binned: events dated to a week, a month, a year or a fuzzy stretch are
// drawn as spans in their own band below the bars, not as a peak on their first day. The timeline ignores
// the date filter itself so the whole span stays visible; a click on a bar or a span filters on its dates,
// dragging across the chart on a stretch, and a click where nothing is drawn clears them.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { max } from "d3-array";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { loadInto, withParams } from "./api.js";
import { el, notice, svg } from "./dom.js";
import { urlWith } from "./filters.js";
import { groupColour, groupLabel, groupOrder, plural } from "./format.js";

const DAY_MS = 86_400_000;
const MARGIN = { top: 8, right: 12, bottom: 24, left: 36 };
const BARS_HEIGHT = 190;
const LANE = 9; // height of one row of the spans band
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function periodStart(period, by) {
  return new Date(by === "month" ? `${period}-01T00:00:00Z` : `${period}T00:00:00Z`);
}

function periodEnd(start, by) {
  if (by === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (by === "week" ? 7 : 1) * DAY_MS);
}

// The bin for a span of days: bars stay several pixels wide (no hairlines over years of data).
export function binFor(firstDay, lastDay) {
  if (!firstDay || !lastDay) return "week";
  const days = (new Date(`${lastDay}T00:00:00Z`) - new Date(`${firstDay}T00:00:00Z`)) / DAY_MS;
  return days <= 120 ? "day" : days <= 3 * 365 ? "week" : "month";
}

// Every tick names its year: "2020" on 1 January, "Mar 2020" on the first of a month, "5 Mar 2020" else.
function tickLabel(date) {
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  if (month === 0 && day === 1) return String(year);
  if (day === 1) return `${MONTHS[month]} ${year}`;
  return `${day} ${MONTHS[month]} ${year}`;
}

const PRECISION_NAMES = { week: "a week", month: "a month", year: "a year", fuzzy: "a stretch", season: "a season", quarter: "a quarter" };

const isoDay = (date) => date.toISOString().slice(0, 10);

export async function timeline(container, search, filters, go) {
  const params = new URLSearchParams(search);
  const group = params.get("group") === "type" ? "type" : "quad_class";
  const withoutDates = new URLSearchParams(filters);
  withoutDates.delete("since");
  withoutDates.delete("until");
  const dates = await loadInto(container, "/api/stats/dates", withoutDates);
  if (!dates) return;
  const chosenBy = ["day", "week", "month"].includes(params.get("by")) ? params.get("by") : null;
  const by = chosenBy ?? binFor(dates.first_day, dates.last_day);

  const choice = (key, current, options) => el("div", { class: "segmented", role: "group", "aria-label": key },
    options.map(([value, label]) => el("button", {
      type: "button", "aria-pressed": String(value === current), onclick: () => go(urlWith(search, { [key]: value, page: params.get("page") })),
    }, label)));
  const controls = el("div", { class: "controls" },
    choice("by", by, [["day", "Day"], ["week", "Week"], ["month", "Month"]]),
    choice("group", group, [["quad_class", "Quad class"], ["type", "Type"]]),
    el("span", { class: "hint" }, `${chosenBy ? "" : `Per ${by} (chosen from the span). `}Click a bar for its events; drag across the chart to narrow the dates; click an empty spot to clear them.`));

  const data = await loadInto(container, "/api/stats/counts", withParams(withoutDates, { by, group, precision: "day" }), controls);
  if (!data) return;
  if (!data.counts.length && !dates.spans.length) {
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
  const spans = dates.spans.map((span) => ({ ...span, from: new Date(`${span.start}T00:00:00Z`),
    to: new Date(new Date(`${span.end}T00:00:00Z`).getTime() + DAY_MS) }));
  // The spans band: each span in the first row where it overlaps none already there.
  const lanes = [];
  for (const span of [...spans].sort((a, b) => a.from - b.from || b.to - a.to)) {
    let lane = lanes.findIndex((end) => end <= span.from);
    if (lane < 0) { lane = lanes.length; lanes.push(span.to); } else lanes[lane] = span.to;
    span.lane = lane;
  }
  const band = spans.length ? 18 + lanes.length * LANE : 0;
  const height = BARS_HEIGHT + band;
  const width = Math.max(480, container.clientWidth || 900);
  const starts = [...bars.map((b) => b.start), ...spans.map((s) => s.from)];
  const ends = [...bars.map((b) => b.end), ...spans.map((s) => s.to)];
  let first = new Date(Math.min(...starts));
  let last = new Date(Math.max(...ends));
  // At least a dozen periods wide, so one busy week is a bar, not the whole chart (and ticks stay days).
  const periodMs = { day: 1, week: 7, month: 30.4 }[by] * DAY_MS;
  // Half a period of room at each end keeps the first and last bars off the axes.
  const missing = Math.max(periodMs, 12 * periodMs - (last - first));
  first = new Date(first.getTime() - missing / 2);
  last = new Date(last.getTime() + missing / 2);
  const x = scaleUtc().domain([first, last]).range([MARGIN.left, width - MARGIN.right]);
  const axisY = BARS_HEIGHT - MARGIN.bottom;
  const y = scaleLinear().domain([0, max(totals.values()) ?? 1]).nice().range([axisY, MARGIN.top]);

  const chart = svg("svg", { class: "timeline", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
    "aria-label": `Events per ${by} by ${group === "type" ? "type" : "quad class"}` });
  const axes = select(chart);
  axes.append("g").attr("class", "x-axis").attr("transform", `translate(0,${axisY})`)
    .call(axisBottom(x).ticks(width / 110).tickFormat(tickLabel));
  axes.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4).tickFormat((n) => (Number.isInteger(n) ? n : "")));

  // A bar's or a span's dates as the since/until filter (until is the last day it covers).
  const filterOn = (from, to) => go(urlWith(search, { since: isoDay(from), until: isoDay(new Date(to.getTime() - 1)) }), { focus: "events" });
  const brush = brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, height - 2]])
    .on("end", ({ selection, sourceEvent }) => {
      if (!sourceEvent) return; // moved by the code below, not by the user
      if (!selection) {
        // A click, not a drag: on a bar or a span it filters on that bar's or span's dates.
        const [px, py] = pointer(chart, sourceEvent);
        const hit = itemAt(px, py);
        if (hit) { filterOn(hit.start ?? hit.from, hit.end ?? hit.to); return; }
        if (params.get("since") || params.get("until")) go(urlWith(search, { since: null, until: null }));
        return;
      }
      const since = isoDay(x.invert(selection[0]));
      const until = isoDay(new Date(x.invert(selection[1]).getTime() - 1)); // the stretch's last day
      go(urlWith(search, { since, until: until < since ? since : until }));
    });
  const brushLayer = axes.append("g").attr("class", "brush").call(brush);
  // Bars and spans above the brush's overlay, so they can be hovered (their tooltips) and clicked; a drag
  // that starts on one still brushes (the events are passed on to the overlay below).
  const drawn = svg("g", { class: "marks" });
  const items = [];
  for (const bar of bars) {
    const left = x(bar.start);
    const rect = svg("rect", {
      class: "bar", x: left, y: y(bar.y1), width: Math.max(2, x(bar.end) - left - 1), height: Math.max(0, y(bar.y0) - y(bar.y1)),
      fill: groupColour(group, bar.group), "data-period": bar.period,
    }, svg("title", {}, `${bar.period}: ${bar.events} ${groupLabel(group, bar.group)} — click for these dates' events`));
    items.push([rect, bar]);
    drawn.append(rect);
  }
  if (spans.length) {
    const top = BARS_HEIGHT + 4;
    drawn.append(svg("text", { class: "band-title", x: MARGIN.left, y: top + 6 },
      `Dated only to a week, month, year or stretch: ${plural(spans.reduce((n, s) => n + s.events, 0), "event")}`));
    for (const span of spans) {
      const left = x(span.from);
      const rect = svg("rect", {
        class: "span", x: left, y: top + 10 + span.lane * LANE, width: Math.max(3, x(span.to) - left), height: LANE - 2, rx: 2,
        "data-start": span.start, "data-end": span.end, "data-precision": span.precision ?? "",
      }, svg("title", {}, `${span.start} – ${span.end} (${PRECISION_NAMES[span.precision] ?? span.precision}): ${plural(span.events, "event")} — click for them`));
      items.push([rect, span]);
      drawn.append(rect);
    }
  }
  chart.append(drawn);
  // Clicks on a mark go to the brush's overlay (pointer-events: none on the marks, see style.css); which
  // mark was under the pointer is found here from its drawn box.
  function itemAt(px, py) {
    for (const [rect, item] of items) {
      const rx = Number(rect.getAttribute("x"));
      const ry = Number(rect.getAttribute("y"));
      const rw = Number(rect.getAttribute("width"));
      const rh = Number(rect.getAttribute("height"));
      if (px >= rx - 1 && px <= rx + rw + 1 && py >= ry - 1 && py <= ry + rh + 1) return item;
    }
    return null;
  }
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

// The pointer's position in the chart's own coordinates (the chart may be drawn scaled).
function pointer(chart, event) {
  const box = chart.getBoundingClientRect();
  const view = chart.viewBox.baseVal;
  return [(event.clientX - box.left) * (view.width / box.width), (event.clientY - box.top) * (view.height / box.height)];
}
