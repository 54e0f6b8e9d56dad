// The explorer: filters on the left; timeline, network, map and the events table for those filters.
// Every panel reads the same filters from the URL, so they always show the same events.
import { filterParams, withParams } from "./api.js";
import { el } from "./dom.js";
import { filterForm } from "./filters.js";
import { eventMap } from "./map.js";
import { network } from "./network.js";
import { eventsTable } from "./table.js";
import { timeline } from "./timeline.js";

// The selection as a file: GET /api/export with the same filters as the table, written by the same
// exporter as `eventwire export`, so a download is what the command gives for those filters.
const DOWNLOADS = [
  ["csv", "CSV", "flat columns, one row per event mention"],
  ["plover-jsonl", "PLOVER JSONL", "the full records, one JSON object per line"],
  ["gdelt", "GDELT TSV", "GDELT 2.0 event table, one row per real-world event"],
  ["gdelt-mentions", "GDELT mentions", "GDELT 2.0 mentions table, one row per mention"],
];

function downloads(filters) {
  return el("section", { class: "downloads", "aria-label": "Download" },
    el("h2", {}, "Download"),
    el("p", { class: "hint" }, filters.toString() ? "The events these filters select:" : "Every stored event:"),
    el("ul", {}, DOWNLOADS.map(([format, label, title]) => el("li", {},
      el("a", { href: `/api/export?${withParams(filters, { format })}`, download: true, "data-format": format, title }, label)))));
}

function section(title, id) {
  const body = el("div", { class: "panel-body", id, "aria-busy": "true" }, el("p", { class: "loading" }, "Loading…"));
  return [el("section", { class: "panel" }, el("h2", {}, title), body), body];
}

export function explorerView(view, search, summary, go) {
  document.title = "Explorer · eventwire";
  const filters = filterParams(search);
  const [timelinePanel, timelineBody] = section("Timeline", "timeline");
  const [networkPanel, networkBody] = section("Who acts on whom", "network");
  const [mapPanel, mapBody] = section("Where", "map");
  const [tablePanel, tableBody] = section("Events", "events");
  view.replaceChildren(el("div", { class: "explorer" },
    el("aside", { class: "panel sidebar" }, el("h2", {}, "Filters"), filterForm(search, summary, go), downloads(filters)),
    el("div", { class: "panels" }, timelinePanel, el("div", { class: "two-columns" }, networkPanel, mapPanel), tablePanel)));
  // Drawn once the layout exists, so each chart can size itself to its panel.
  const draw = async (body, render) => {
    await render(body, search, filters, go);
    body.setAttribute("aria-busy", "false");
  };
  return Promise.all([
    draw(timelineBody, timeline), draw(networkBody, network), draw(mapBody, eventMap), draw(tableBody, eventsTable),
  ]);
}
