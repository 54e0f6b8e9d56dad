// The explorer: filters on the left; timeline, network, map and the events table for those filters.
// Every panel reads the same filters from the URL, so they always show the same events.
import { filterParams } from "./api.js";
import { el } from "./dom.js";
import { filterForm } from "./filters.js";
import { eventMap } from "./map.js";
import { network } from "./network.js";
import { eventsTable } from "./table.js";
import { timeline } from "./timeline.js";

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
    el("aside", { class: "panel sidebar" }, el("h2", {}, "Filters"), filterForm(search, summary, go)),
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
