// An actor: the knowledge base's names, aliases and dated roles, its latest events and who is most often
// on the other side of them.
import { loadInto } from "./api.js";
import { eventRow } from "./table.js";
import { el, navLink } from "./dom.js";
import { plural } from "./format.js";

export async function actorView(view, actorId) {
  const actor = await loadInto(view, `/api/actors/${encodeURIComponent(actorId)}`, new URLSearchParams({ recent: "20", counterparts: "12" }));
  if (!actor) return;
  document.title = `${actor.name ?? actor.actor_id} · eventwire`;
  const facts = [actor.kind, actor.country, actor.sector].filter(Boolean).join(" · ");
  const explore = `/?actor=${encodeURIComponent(actor.actor_id)}`;
  const aliases = actor.aliases.length
    ? el("ul", { class: "chips" }, actor.aliases.map((alias) => el("li", {}, alias)))
    : el("p", { class: "empty" }, "No alias.");
  const roles = actor.roles.length
    ? el("table", { class: "roles" },
      el("thead", {}, el("tr", {}, ["Role", "Title", "From", "To", "Country", "Organisation"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, actor.roles.map((role) => el("tr", {},
        el("td", {}, role.role), el("td", {}, role.title ?? ""), el("td", { class: "nowrap" }, role.start),
        el("td", { class: "nowrap" }, role.end ?? "still held"), el("td", {}, role.country ?? ""), el("td", {}, role.org ?? "")))))
    : el("p", { class: "empty" }, actor.kind === "person" ? "No dated role." : "Roles are recorded for people only.");
  const counterparts = actor.counterparts.length
    ? el("ol", { class: "counterparts" }, actor.counterparts.map((other) => el("li", {},
      other.actor_id ? navLink(`/actor/${encodeURIComponent(other.actor_id)}`, other.name) : other.name,
      other.country ? el("small", {}, ` ${other.country}`) : null,
      el("span", { class: "count" }, plural(other.events, "event")))))
    : el("p", { class: "empty" }, "No counterpart in the stored events.");
  const recent = actor.recent_events.length
    ? el("div", { class: "table-wrap" }, el("table", { class: "events" },
      el("thead", {}, el("tr", {}, ["Date", "Type", "Factuality", "Source", "Target", "Place", "Outlet", "Evidence", "Intensity"]
        .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, actor.recent_events.map(eventRow))))
    : el("p", { class: "empty" }, "No stored event.");

  view.replaceChildren(el("div", { class: "actor-page" },
    el("section", { class: "panel actor-head" },
      el("h1", {}, actor.name ?? actor.actor_id),
      el("p", { class: "meta" }, actor.actor_id, facts ? ` · ${facts}` : "", actor.known ? "" : " · not in the knowledge base"),
      el("p", {}, `Takes part in ${plural(actor.events, "stored event")}. `, navLink(explore, "Explore them →"))),
    el("div", { class: "two-columns" },
      el("section", { class: "panel" }, el("h2", {}, "Aliases"), aliases, el("h2", {}, "Dated roles"), roles),
      el("section", { class: "panel" }, el("h2", {}, "Top counterparts"), counterparts)),
    el("section", { class: "panel" }, el("h2", {}, "Recent events"), recent)));
}
