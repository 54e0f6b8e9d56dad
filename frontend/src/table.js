// The events table: one row per event mention, sortable by the server (so a sort covers every page, not
// just the one shown), paged by offset; or (rows=clusters) one row per real-world event, the mentions of
// several articles deduplicated into one row with their counts, expandable to its mentions. Sort, page and
// rows are in the URL too. The header stays in view while the rows scroll.
import { getJSON, loadInto, withParams } from "./api.js";
import { actorLabel, eventDate, placeLabel, plural, typeColour } from "./format.js";
import { el, navLink, notice } from "./dom.js";
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

function rowsChoice(search, rows, go) {
  return el("div", { class: "segmented", role: "group", "aria-label": "Rows" },
    [["mentions", "Mentions"], ["clusters", "Real-world events"]].map(([value, label]) => el("button", {
      type: "button", "aria-pressed": String(value === rows), onclick: () => go(urlWith(search, { rows: value === "mentions" ? null : value })),
    }, label)));
}

export async function eventsTable(container, search, filters, go) {
  const params = new URLSearchParams(search);
  if (params.get("rows") === "clusters") return clustersTable(container, search, filters, go);
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
    rowsChoice(search, "mentions", go),
    el("button", { type: "button", disabled: page <= 1, onclick: () => go(urlWith(search, { page: page - 1 })) }, "← Previous"),
    el("span", { class: "count" }, count),
    el("button", { type: "button", disabled: data.total_exact && page >= pages, onclick: () => go(urlWith(search, { page: page + 1 })) }, "Next →"));
  const rows = data.items.length
    ? data.items.map(eventRow)
    : [el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty" }, "No event matches these filters."))];
  const wrap = el("div", { class: "table-wrap events-scroll" }, el("table", { class: "events" }, el("thead", {}, header), el("tbody", {}, rows)));
  container.replaceChildren(pager, wrap);
  // The sorted column is always in view: a table wider than its panel scrolls sideways to show it.
  const sorted = wrap.querySelector("th[aria-sort=ascending], th[aria-sort=descending]");
  if (sorted) {
    const right = sorted.offsetLeft + sorted.offsetWidth;
    if (right > wrap.scrollLeft + wrap.clientWidth) wrap.scrollLeft = right - wrap.clientWidth;
    else if (sorted.offsetLeft < wrap.scrollLeft) wrap.scrollLeft = sorted.offsetLeft;
  }
}

const CLUSTER_COLUMNS = ["Date", "Type", "Factuality", "Source", "Target", "Place", "Reports", "Evidence (first report)", "Intensity"];

// One row per real-world event (GET /api/clusters): its first matching mention, and how many mentions,
// articles and outlets report it; ▸ shows every mention (GET /api/clusters/{id}) under it.
async function clustersTable(container, search, filters, go) {
  const params = new URLSearchParams(search);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const data = await loadInto(container, "/api/clusters", withParams(filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  if (!data) return;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const first = data.total ? data.offset + 1 : 0;
  const pager = el("div", { class: "pager" },
    rowsChoice(search, "clusters", go),
    el("button", { type: "button", disabled: page <= 1, onclick: () => go(urlWith(search, { page: page - 1 })) }, "← Previous"),
    el("span", { class: "count" }, `${first}–${data.offset + data.items.length} of ${plural(data.total, "real-world event")} · page ${page} of ${pages}`),
    el("button", { type: "button", disabled: page >= pages, onclick: () => go(urlWith(search, { page: page + 1 })) }, "Next →"));
  const body = el("tbody", {});
  for (const item of data.items) body.append(clusterRow(item));
  if (!data.items.length) body.append(el("tr", {}, el("td", { colspan: CLUSTER_COLUMNS.length, class: "empty" }, "No event matches these filters.")));
  container.replaceChildren(pager, el("div", { class: "table-wrap events-scroll" }, el("table", { class: "events clusters" },
    el("thead", {}, el("tr", {}, CLUSTER_COLUMNS.map((title) => el("th", { scope: "col" }, title)))), body)));
}

function clusterRow(item) {
  const record = item.record;
  const reports = `${plural(item.mentions, "mention")} · ${plural(item.articles, "article")} · ${plural(item.sources, "outlet")}`;
  const row = el("tr", { "data-cluster": item.cluster_id, "data-event": record.event_id },
    el("td", { class: "nowrap" }, eventDate(record)),
    el("td", {}, typeBadge(record)),
    el("td", {}, record.factuality),
    el("td", {}, actorLinks(record.source)),
    el("td", {}, actorLinks(record.target)),
    el("td", {}, placeLabel(record)),
    el("td", { class: "counts-cell", "data-mentions": item.mentions, "data-articles": item.articles, "data-sources": item.sources }, reports),
    el("td", { class: "evidence" }, navLink(articleHref(record), record.evidence.sentence)),
    el("td", { class: "number" }, record.intensity ?? ""));
  if (item.mentions > 1) {
    const toggle = el("button", { type: "button", class: "expand", "aria-expanded": "false", "aria-label": `Show the ${item.mentions} mentions` }, "▸");
    let shown = [];
    toggle.addEventListener("click", async () => {
      if (shown.length) {
        for (const mention of shown) mention.remove();
        shown = [];
        toggle.setAttribute("aria-expanded", "false");
        toggle.textContent = "▸";
        return;
      }
      try {
        const cluster = await getJSON(`/api/clusters/${encodeURIComponent(item.cluster_id)}`);
        shown = cluster.events.map((mention) => el("tr", { class: "mention", "data-event": mention.event_id },
          el("td", { class: "nowrap" }, eventDate(mention)),
          el("td", { colspan: 5 }, mention.article.source ?? "", mention.article.published ? el("small", {}, ` · ${mention.article.published.slice(0, 10)}`) : null),
          el("td", {}, mention.factuality),
          el("td", { class: "evidence" }, navLink(articleHref(mention), mention.evidence.sentence)),
          el("td", { class: "number" }, mention.intensity ?? "")));
      } catch (error) {
        shown = [el("tr", { class: "mention" }, el("td", { colspan: CLUSTER_COLUMNS.length }, notice(error.message)))];
      }
      row.after(...shown);
      toggle.setAttribute("aria-expanded", "true");
      toggle.textContent = "▾";
    });
    row.cells[0].prepend(toggle);
  }
  return row;
}
