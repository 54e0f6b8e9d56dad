// The explorer's filter form. Its state is the URL: every change builds a new query string and navigates
// to it, so the back button, a reload and a shared link all give the same view.
import { FILTER_KEYS, getJSON } from "./api.js";
import { QUAD_CLASSES } from "./format.js";
import { el, navLink } from "./dom.js";

// View settings that live in the URL beside the filters; a filter change keeps them but restarts paging.
const VIEW_KEYS = ["sort", "by", "group"];

export function urlWith(search, changes) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    if (value !== null && value !== undefined && String(value).trim() !== "") params.set(key, String(value).trim());
  }
  if (!("page" in changes)) params.delete("page");
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

function field(label, control, hint) {
  return el("label", { class: "field" }, el("span", {}, label), control, hint ? el("small", {}, hint) : null);
}

function select(name, value, options, anyLabel = "any") {
  const control = el("select", { name }, el("option", { value: "" }, anyLabel));
  for (const [optionValue, text] of options) {
    control.append(el("option", { value: optionValue, selected: optionValue === value }, text));
  }
  return control;
}

function input(name, value, attributes = {}) {
  return el("input", { name, value: value ?? "", autocomplete: "off", ...attributes });
}

// The filter form for the URL's search string; `go(url)` navigates.
export function filterForm(search, summary, go) {
  const params = new URLSearchParams(search);
  const value = (key) => params.get(key) ?? "";
  const form = el("form", { class: "filters", role: "search", "aria-label": "Event filters" });

  const actorList = el("datalist", { id: "actor-ids" });
  getJSON("/api/stats/actors", new URLSearchParams({ n: "300" })).then(({ actors }) => {
    for (const actor of actors) actorList.append(el("option", { value: actor.actor_id }, `${actor.name ?? actor.actor_id} (${actor.events})`));
  }).catch(() => {});

  const types = summary.events_by_type.map(({ name, count }) => [name, `${name === "-" ? "- (CAMEO only)" : name} (${count})`]);
  const factualities = summary.events_by_factuality.map(({ name, count }) => [name, `${name} (${count})`]);
  const outlets = summary.sources.map(({ name, count }) => [name, `${name} (${count})`]);
  const quads = Object.entries(QUAD_CLASSES).map(([code, name]) => [code, `${code} ${name}`]);

  form.append(
    field("Text in the evidence", input("text", value("text"), { type: "search", placeholder: "ceasefire, \"struck Kyiv\", shell*" })),
    field("Actor id", input("actor", value("actor"), { list: "actor-ids", placeholder: "ew:RUS" }), "either side; pick from the list"),
    actorList,
    field("Actor country", input("actor_country", value("actor_country"), { placeholder: "RUS", maxlength: 3, size: 4 })),
    field("Event type", select("type", value("type"), types)),
    field("Quad class", select("quad_class", value("quad_class"), quads)),
    field("Factuality", select("factuality", value("factuality"), factualities)),
    field("Event date from", input("since", value("since"), { type: "date" })),
    field("Event date to", input("until", value("until"), { type: "date" })),
    field("Place country", input("place_country", value("place_country"), { placeholder: "UKR", maxlength: 3, size: 4 })),
    field("Outlet", select("outlet", value("outlet"), outlets)),
  );
  if (params.get("near")) {
    form.append(el("p", { class: "near" }, `Near ${params.get("near")} (${params.get("radius") ?? 50} km) `,
      el("button", { type: "button", class: "link", onclick: () => go(urlWith(search, { near: null, radius: null })) }, "clear")));
  }
  const actor = params.get("actor");
  form.append(el("div", { class: "buttons" },
    el("button", { type: "submit" }, "Apply"),
    navLink(keepView(search), "Reset"),
    actor ? navLink(`/actor/${encodeURIComponent(actor)}`, "Actor page →") : null));

  const submit = (event) => {
    event?.preventDefault();
    const data = new FormData(form);
    const changes = {};
    for (const key of FILTER_KEYS) if (form.elements[key]) changes[key] = data.get(key);
    go(urlWith(search, changes));
  };
  form.addEventListener("submit", submit);
  // Selects and dates apply at once; typed fields on Enter or when they lose focus.
  form.addEventListener("change", submit);
  return form;
}

function keepView(search) {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of VIEW_KEYS) if (params.get(key)) kept.set(key, params.get(key));
  const query = kept.toString();
  return query ? `/?${query}` : "/";
}
