// The explorer's filter form. Its state is the URL: every change builds a new query string and navigates
// to it, so the back button, a reload and a shared link all give the same view.
import { FILTER_KEYS, getJSON } from "./api.js";
import { QUAD_CLASSES } from "./format.js";
import { el, navLink } from "./dom.js";
import { plural } from "./format.js";

// View settings that live in the URL beside the filters; a filter change keeps them but restarts paging.
// at_name only labels the `at` filter (the place a map click chose) in the form.
const VIEW_KEYS = ["sort", "by", "group", "rows", "at_name"];

// The URL of the explorer with `changes` applied: a value null or "" removes the parameter, an array sets
// one parameter per value (a multi-valued filter: its values are alternatives, as in the API).
export function urlWith(search, changes) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one !== null && one !== undefined && String(one).trim() !== "") params.append(key, String(one).trim());
    }
  }
  if (!("page" in changes)) params.delete("page");
  if ("at" in changes && !changes.at) params.delete("at_name");
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

// PLOVER sectors an analyst filters on most (docs/event.schema.json lists them all; any code works in the URL).
const SECTORS = [["GOV", "GOV government"], ["MIL", "MIL military"], ["COP", "COP police"], ["REB", "REB rebels"],
  ["OPP", "OPP opposition"], ["CVL", "CVL civilians"], ["LEG", "LEG legislature"], ["JUD", "JUD judiciary"],
  ["BUS", "BUS business"], ["MED", "MED media"], ["IGO", "IGO international organisation"], ["ELI", "ELI elites"]];

// A filter with several values shows its first in the form and says how many more there are; the others
// stay in the URL until that field itself is changed.
function moreValues(params, key) {
  const values = params.getAll(key);
  return values.length > 1 ? `also ${values.slice(1).join(", ")} (${values.length} values)` : null;
}

// The filter form for the URL's search string; `go(url)` navigates.
export function filterForm(search, summary, go) {
  const params = new URLSearchParams(search);
  const value = (key) => params.get(key) ?? "";
  const form = el("form", { class: "filters", role: "search", "aria-label": "Event filters" });

  const types = summary.events_by_type.map(({ name, count }) => [name, `${name === "-" ? "- (CAMEO only)" : name} (${count})`]);
  const factualities = summary.events_by_factuality.map(({ name, count }) => [name, `${name} (${count})`]);
  const outlets = summary.sources.map(({ name, count }) => [name, `${name} (${count})`]);
  const quads = Object.entries(QUAD_CLASSES).map(([code, name]) => [code, `${code} ${name}`]);
  const number = (name, attributes) => input(name, value(name), { type: "number", inputmode: "decimal", ...attributes });

  form.append(
    field("Text in the evidence", input("text", value("text"), { type: "search", placeholder: "ceasefire, \"struck Kyiv\", shell*" })),
    actorPicker(search, go),
    field("Actor's role", select("role", value("role") === "any" ? "" : value("role"),
      [["source", "source (acts)"], ["target", "target (acted upon)"]], "either side")),
    field("Actor country", input("actor_country", value("actor_country"), { placeholder: "RUS", maxlength: 3, size: 4 }),
      moreValues(params, "actor_country")),
    field("Actor sector", select("actor_sector", value("actor_sector"), SECTORS), moreValues(params, "actor_sector")),
    field("Event type", select("type", value("type"), types), moreValues(params, "type")),
    field("Quad class", select("quad_class", value("quad_class"), quads), moreValues(params, "quad_class")),
    field("Mode", input("mode", value("mode"), { placeholder: "aerial, arrest, ..." }), moreValues(params, "mode")),
    field("CAMEO code", input("cameo", value("cameo"), { placeholder: "19 (fights), 0311", inputmode: "numeric", maxlength: 4, size: 5 }),
      moreValues(params, "cameo") ?? "a prefix: 19 matches 190-196"),
    field("Factuality", select("factuality", value("factuality"), factualities), moreValues(params, "factuality")),
    field("Event date from", input("since", value("since"), { type: "date" })),
    field("Event date to", input("until", value("until"), { type: "date" })),
    field("Place country", input("place_country", value("place_country"), { placeholder: "UKR", maxlength: 3, size: 4 }),
      moreValues(params, "place_country")),
    field("Outlet", select("outlet", value("outlet"), outlets), moreValues(params, "outlet")),
    el("fieldset", { class: "range" }, el("legend", {}, "Intensity (−10 conflict … +10 cooperation)"),
      number("min_intensity", { min: -10, max: 10, step: 0.5, placeholder: "−10", "aria-label": "Lowest intensity" }), " to ",
      number("max_intensity", { min: -10, max: 10, step: 0.5, placeholder: "10", "aria-label": "Highest intensity" })),
    el("fieldset", { class: "range" }, el("legend", {}, "Coder confidence (0 … 1)"),
      number("min_confidence", { min: 0, max: 1, step: 0.05, placeholder: "0", "aria-label": "Lowest confidence" }), " to ",
      number("max_confidence", { min: 0, max: 1, step: 0.05, placeholder: "1", "aria-label": "Highest confidence" })),
  );
  const located = [];
  if (params.get("near")) {
    located.push(el("p", { class: "near" }, `Near ${params.get("near")} (${params.get("radius") ?? 50} km) `,
      el("button", { type: "button", class: "link", onclick: () => go(urlWith(search, { near: null, radius: null })) }, "clear")));
  }
  if (params.get("at")) {
    located.push(el("p", { class: "near at" }, `At ${params.get("at_name") || params.get("at")} `,
      el("button", { type: "button", class: "link", onclick: () => go(urlWith(search, { at: null })) }, "clear")));
  }
  const pair = ["source", "target"].filter((key) => params.get(key));
  if (pair.length) {
    const side = (key) => params.getAll(key).filter((v) => !v.startsWith("country:")).join(", ") || params.get(key);
    located.push(el("p", { class: "near pair" }, pair.map((key) => `${key} ${side(key)}`).join(" → "), " ",
      el("button", { type: "button", class: "link", onclick: () => go(urlWith(search, { source: null, target: null })) }, "clear")));
  }
  form.append(...located);
  const actors = params.getAll("actor").filter((id) => !id.startsWith("country:"));
  form.append(el("div", { class: "buttons" },
    el("button", { type: "submit" }, "Apply"),
    navLink(keepView(search), "Reset"),
    actors.length === 1 ? navLink(`/actor/${encodeURIComponent(actors[0])}`, "Actor page →") : null));

  // Only the fields that differ from the URL are applied, so a filter with several values (from the facets
  // or a link) survives a change to any other field.
  const submit = (event) => {
    event?.preventDefault();
    const data = new FormData(form);
    const changes = {};
    for (const key of FILTER_KEYS) {
      if (!form.elements[key] || key === "actor") continue;
      const given = String(data.get(key) ?? "").trim();
      if (given !== (params.get(key) ?? "")) changes[key] = given;
    }
    if (changes.role === "") changes.role = null;
    go(urlWith(search, changes));
  };
  form.addEventListener("submit", submit);
  // Selects and dates apply at once; typed fields on Enter or when they lose focus. The actor name field is
  // no filter itself: it only offers actors.
  form.addEventListener("change", (event) => { if (FILTER_KEYS.includes(event.target.name)) submit(event); });
  return form;
}

// The actor filter: a name field whose suggestions come from the knowledge base (GET /api/actors?q=), and
// one chip per chosen actor. A country chip stands for ew:XXX and country:XXX (those known only by the code).
function actorPicker(search, go) {
  const params = new URLSearchParams(search);
  const chosen = params.getAll("actor");
  const groups = new Map();
  for (const id of chosen) {
    const key = id.startsWith("country:") ? `ew:${id.slice(8)}` : id;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const chips = el("ul", { class: "chips actor-chips", "aria-label": "Chosen actors" });
  for (const [key, ids] of groups) {
    const name = el("span", { class: "name" }, key);
    const remove = () => go(urlWith(search, { actor: chosen.filter((id) => !ids.includes(id)) }));
    chips.append(el("li", { "data-actor": key }, name,
      el("button", { type: "button", class: "link remove", "aria-label": `Remove ${key}`, onclick: remove }, "×")));
    if (ids.includes(key)) {
      getJSON(`/api/actors/${encodeURIComponent(key)}`, new URLSearchParams({ recent: "0", counterparts: "0" }))
        .then((actor) => { if (actor.name) name.textContent = actor.name; }).catch(() => {});
    } else {
      name.textContent = `${key.slice(3)} (by code)`;
    }
  }
  const box = input("actor_name", "", { type: "search", placeholder: "Russia, Biden, Hamas…", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "actor-suggestions" });
  const list = el("ul", { class: "suggestions", id: "actor-suggestions", role: "listbox", hidden: true });
  let active = -1;
  let found = [];
  let asked = 0;
  const choose = (actor) => go(urlWith(search, { actor: [...chosen, ...actor.filter.filter((id) => !chosen.includes(id))] }));
  const show = () => {
    list.replaceChildren(...found.map((actor, index) => el("li", {
      role: "option", id: `actor-option-${index}`, "aria-selected": String(index === active), "data-actor": actor.actor_id,
      onmousedown: (event) => { event.preventDefault(); choose(actor); },
    }, el("span", {}, actor.name), el("small", {},
      ` ${actor.matched !== actor.name ? `“${actor.matched}” · ` : ""}${actor.kind}${actor.country ? ` · ${actor.country}` : ""} · ${plural(actor.events, "event")}`))));
    list.hidden = found.length === 0;
    box.setAttribute("aria-expanded", String(!list.hidden));
    if (active >= 0) box.setAttribute("aria-activedescendant", `actor-option-${active}`);
  };
  let timer = null;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    const text = box.value.trim();
    if (!text) { found = []; show(); return; }
    timer = setTimeout(async () => {
      const ticket = ++asked;
      const answer = await getJSON("/api/actors", new URLSearchParams({ q: text, n: "8" })).catch(() => ({ actors: [] }));
      if (ticket !== asked) return; // a later keystroke's answer wins
      found = answer.actors;
      active = found.length ? 0 : -1;
      show();
      box.dispatchEvent(new CustomEvent("suggested", { bubbles: true }));
    }, 120);
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!found.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      show();
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submits the form: Enter picks the highlighted actor
      if (active >= 0 && found[active]) choose(found[active]);
    } else if (event.key === "Escape") {
      found = [];
      show();
    }
  });
  box.addEventListener("blur", () => setTimeout(() => { found = []; show(); }, 150));
  return el("div", { class: "field actor-field" },
    el("label", { for: "actor-name" }, el("span", {}, "Actor")), chips,
    Object.assign(box, { id: "actor-name" }), list,
    el("small", {}, "type a name; several actors are alternatives"));
}

function keepView(search) {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of VIEW_KEYS) if (key !== "at_name" && params.get(key)) kept.set(key, params.get(key));
  const query = kept.toString();
  return query ? `/?${query}` : "/";
}
