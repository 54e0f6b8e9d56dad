// The explorer: filters on the left; timeline, network, map and the events table for those filters.
// Every panel reads the same filters from the URL, so they always show the same events.
import { filterParams, loadInto, withParams } from "./api.js";
import { el } from "./dom.js";
import { filterForm, urlWith } from "./filters.js";
import { magnitudesBlock } from "./magnitudes.js";
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
  return [el("section", { class: "panel", id: `${id}-panel` }, el("h2", { tabindex: -1 }, title), body), body];
}

const FACETS = [["type", "Type"], ["place_country", "Place country"], ["outlet", "Outlet"], ["factuality", "Factuality"]];

// Counts of the current selection by type, place country, outlet and factuality (GET /api/stats/facets).
// Each box adds or removes one value of a multi-valued filter; a facet is counted without its own filter,
// so its unticked values say how many events ticking them would add.
async function facetsBlock(container, search, filters, go) {
  const data = await loadInto(container, "/api/stats/facets", withParams(filters, { n: 12 }));
  if (!data) return;
  const params = new URLSearchParams(search);
  container.replaceChildren(...FACETS.map(([key, title]) => {
    const chosen = params.getAll(key);
    const values = data[key];
    return el("fieldset", { class: "facet", "data-facet": key }, el("legend", {}, title),
      values.length ? el("ul", {}, values.map(({ value, events }) => el("li", {}, el("label", {},
        el("input", { type: "checkbox", value, checked: chosen.includes(value), onchange: (event) => {
          const next = event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value);
          go(urlWith(search, { [key]: next }));
        } }),
        el("span", { class: "facet-value" }, value === "-" ? "CAMEO only" : value),
        el("span", { class: "count" }, events.toLocaleString("en"))))))
        : el("p", { class: "empty" }, "none"));
  }));
}

export function explorerView(view, search, summary, go) {
  document.title = "Explorer · eventwire";
  const filters = filterParams(search);
  const [timelinePanel, timelineBody] = section("Timeline", "timeline");
  const [networkPanel, networkBody] = section("Who acts on whom", "network");
  const [mapPanel, mapBody] = section("Where", "map");
  const [tablePanel, tableBody] = section("Events", "events");
  const facetsBody = el("div", { class: "facets", id: "facets", "aria-busy": "true" });
  const magnitudesBody = el("div", { class: "magnitudes", id: "magnitudes", "aria-busy": "true" });
  // A skip link for keyboard and screen-reader users: past the many filter fields, to the results.
  const skip = el("a", { class: "skip-link", href: "#events-panel", onclick: (event) => {
    event.preventDefault();
    document.getElementById("events-panel")?.scrollIntoView({ block: "start" });
    document.querySelector("#events-panel h2")?.focus({ preventScroll: true });
  } }, "Skip past the filters to the events");
  view.replaceChildren(skip, el("div", { class: "explorer" },
    el("aside", { class: "panel sidebar", "aria-label": "Filters" }, el("h2", {}, "Filters"), filterForm(search, summary, go),
      el("h2", { class: "facets-title" }, "In this selection"), facetsBody,
      el("h2", { class: "facets-title" }, "Reported figures"), magnitudesBody, downloads(filters)),
    el("div", { class: "panels" }, timelinePanel, el("div", { class: "two-columns" }, networkPanel, mapPanel), tablePanel)));
  // Drawn once the layout exists, so each chart can size itself to its panel.
  const draw = async (body, render) => {
    await render(body, search, filters, go);
    body.setAttribute("aria-busy", "false");
  };
  return Promise.all([
    draw(timelineBody, timeline), draw(networkBody, network), draw(mapBody, eventMap), draw(tableBody, eventsTable),
    draw(facetsBody, facetsBlock), draw(magnitudesBody, magnitudesBlock),
  ]);
}
