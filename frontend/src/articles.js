// The stored articles, newest first, each linking to its article view.
import { loadInto } from "./api.js";
import { el, navLink } from "./dom.js";
import { plural, shortDate } from "./format.js";

const PAGE_SIZE = 50;

export async function articlesView(view, search, go) {
  const page = Math.max(1, Number.parseInt(new URLSearchParams(search).get("page") ?? "1", 10) || 1);
  const data = await loadInto(view, "/api/articles", new URLSearchParams({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  if (!data) return;
  document.title = "Articles · eventwire";
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const rows = data.items.map((item) => el("tr", {},
    el("td", { class: "nowrap" }, shortDate(item.published) || "undated"),
    el("td", {}, navLink(`/article/${encodeURIComponent(item.id)}`, item.title ?? "(untitled)"),
      item.near_duplicate_of ? el("small", { class: "tag" }, " near-duplicate") : null),
    el("td", {}, item.source ?? ""),
    el("td", { class: "number" }, item.events)));
  view.replaceChildren(el("section", { class: "panel" },
    el("h1", {}, plural(data.total, "article")),
    el("div", { class: "pager" },
      el("button", { type: "button", disabled: page <= 1, onclick: () => go(`/articles?page=${page - 1}`) }, "← Previous"),
      el("span", { class: "count" }, `page ${page} of ${pages}`),
      el("button", { type: "button", disabled: page >= pages, onclick: () => go(`/articles?page=${page + 1}`) }, "Next →")),
    el("div", { class: "table-wrap" }, el("table", { class: "articles" },
      el("thead", {}, el("tr", {}, ["Published", "Title", "Outlet", "Events"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows)))));
}
