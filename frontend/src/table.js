// The events table: one row per event mention, sortable by the server (so a sort covers every page, not
// just the one shown), paged by offset. Sort and page are in the URL too.
import { loadInto, withParams } from "./api.js";
import { actorLabel, eventDate, placeLabel, plural, typeColour } from "./format.js";
import { el, navLink } from "./dom.js";
import { urlWith } from "./filters.js";

const PAGE_SIZE = 50;
// column title, sort key (null: not sortable)
const COLUMNS = [
  ["Date", "date"], ["Type", "type"], ["Factuality", "factuality"], ["Source", null], ["Target", null],
  ["Place", "place"], ["Outlet", "outlet"], ["Evidence", null], ["Intensity", "intensity"],
];

export function actorLinks(refs) {
  return refs.flatMap((ref, index) => [
    index ? ", " : null,
    ref.actor_id ? navLink(`/actor/${encodeURIComponent(ref.actor_id)}`, actorLabel(ref)) : actorLabel(ref),
  ]);
}

export function typeBadge(record) {
  const type = record.type ?? "-";
  const badge = el("span", { class: "badge", title: `CAMEO ${record.cameo}` }, record.type ?? `CAMEO ${record.cameo}`);
  badge.style.setProperty("--badge", typeColour(type));
  return badge;
}

export function articleHref(record) {
  return `/article/${encodeURIComponent(record.article.id)}?event=${encodeURIComponent(record.event_id)}`;
}

export function eventRow(record) {
  return el("tr", { "data-event": record.event_id },
    el("td", { class: "nowrap" }, eventDate(record)),
    el("td", {}, typeBadge(record)),
    el("td", {}, record.factuality),
    el("td", {}, actorLinks(record.source)),
    el("td", {}, actorLinks(record.target)),
    el("td", {}, placeLabel(record)),
    el("td", {}, record.article.source ?? ""),
    el("td", { class: "evidence" }, navLink(articleHref(record), record.evidence.sentence)),
    el("td", { class: "number" }, record.intensity ?? ""),
  );
}

export async function eventsTable(container, search, filters, go) {
  const params = new URLSearchParams(search);
  const sort = params.get("sort") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const query = withParams(filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: sort || null });
  const data = await loadInto(container, "/api/events", query);
  if (!data) return;
  const header = el("tr", {}, COLUMNS.map(([title, key]) => {
    if (!key) return el("th", { scope: "col" }, title);
    const active = sort.replace(/^-/, "") === key;
    const descending = active && sort.startsWith("-");
    const next = active && !descending ? `-${key}` : key;
    return el("th", { scope: "col", "aria-sort": active ? (descending ? "descending" : "ascending") : "none" },
      el("button", { type: "button", class: "sort", onclick: () => go(urlWith(search, { sort: next })) },
        title, active ? (descending ? " ▼" : " ▲") : ""));
  }));
  const first = data.total ? data.offset + 1 : 0;
  const last = data.offset + data.items.length;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  // Past 10,000 matches the API stops counting (total_exact false): the total is a lower bound.
  const count = data.total_exact
    ? `${first}–${last} of ${plural(data.total, "event")} · page ${page} of ${pages}`
    : `${first}–${last} of more than ${plural(data.total - 1, "event")} · page ${page}`;
  const pager = el("div", { class: "pager" },
    el("button", { type: "button", disabled: page <= 1, onclick: () => go(urlWith(search, { page: page - 1 })) }, "← Previous"),
    el("span", { class: "count" }, count),
    el("button", { type: "button", disabled: data.total_exact && page >= pages, onclick: () => go(urlWith(search, { page: page + 1 })) }, "Next →"));
  const rows = data.items.length
    ? data.items.map(eventRow)
    : [el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty" }, "No event matches these filters."))];
  container.replaceChildren(
    pager,
    el("div", { class: "table-wrap" }, el("table", { class: "events" }, el("thead", {}, header), el("tbody", {}, rows))),
  );
}
