// The page's entry point: a small router over the History API. Every view is a URL (/, /articles,
// /article/ID, /actor/ID, with filters in the query string), so every view can be shared and reloaded.
import { getJSON } from "./api.js";
import { actorView } from "./actor.js";
import { articleView } from "./article.js";
import { articlesView } from "./articles.js";
import { el, navLink, notice } from "./dom.js";
import { explorerView } from "./explorer.js";
import { plural, shortDate } from "./format.js";

const view = document.getElementById("view");
let summary = null;
let renderCount = 0;

async function loadSummary() {
  summary = await getJSON("/api/summary");
  const span = [shortDate(summary.first_published), shortDate(summary.last_published)].filter(Boolean).join(" – ");
  document.getElementById("summary").textContent =
    `${plural(summary.articles, "article")} · ${plural(summary.events, "event")}${span ? ` · published ${span}` : ""}`;
}

// Any path the page does not know (the server answers it with this page and status 404).
function notFoundView(container, path) {
  document.title = "Not found · eventwire";
  container.replaceChildren(el("section", { class: "panel not-found", "aria-labelledby": "not-found-title" },
    el("h1", { id: "not-found-title" }, "Page not found"),
    el("p", {}, "There is no page at ", el("code", {}, path), "."),
    el("p", {}, navLink("/", "Go to the explorer"), " or ", navLink("/articles", "the list of articles"), ".")));
}

// Navigate to `url`; { focus: "events" } then scrolls to the events table, so a click on a chart leads
// straight to the evidence sentences it stands for.
export async function go(url, { focus = null } = {}) {
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
  await render();
  const target = focus ? document.getElementById(`${focus}-panel`) : null;
  if (target) {
    target.scrollIntoView({ block: "start" });
    target.querySelector("h2")?.focus({ preventScroll: true });
  }
}

async function render() {
  const current = ++renderCount;
  const path = decodeURI(location.pathname);
  const search = location.search;
  document.body.dataset.rendered = "false";
  try {
    if (!summary) await loadSummary();
    let match;
    if (path === "/") await explorerView(view, search, summary, go);
    else if (path === "/articles") await articlesView(view, search, go);
    else if ((match = location.pathname.match(/^\/article\/([^/]+)$/))) await articleView(view, decodeURIComponent(match[1]), search);
    else if ((match = location.pathname.match(/^\/actor\/(.+)$/))) await actorView(view, decodeURIComponent(match[1]));
    else notFoundView(view, path);
  } catch (error) {
    view.replaceChildren(notice(`Could not load the page: ${error.message}`));
  }
  // Tests (and anyone scripting the page) wait for this: the latest navigation has finished drawing.
  if (current === renderCount) document.body.dataset.rendered = "true";
  const section = path === "/" ? "/" : path.startsWith("/article") ? "/articles" : null;
  for (const link of document.querySelectorAll("header nav a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === section);
  }
}

// Internal links navigate without reloading; modified clicks (new tab) keep the browser's behaviour.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-nav]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go(link.getAttribute("href"));
  window.scrollTo(0, 0);
});
window.addEventListener("popstate", render);
render();
