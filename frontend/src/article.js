// One article: its clean text with every event's evidence sentence highlighted (the trigger word in
// bold), and beside it the events: type, factuality, actors, date and place. Offsets come from the API
// and index into the text (docs/api.md); the text is cut into text nodes at those offsets, never parsed.
import { loadInto } from "./api.js";
import { actorLinks, typeBadge } from "./table.js";
import { el, navLink, safeExternalUrl } from "./dom.js";
import { eventDate, placeLabel, plural, shortDate } from "./format.js";
import { sizeText } from "./magnitudes.js";

export async function articleView(view, articleId, search) {
  const article = await loadInto(view, `/api/articles/${encodeURIComponent(articleId)}`);
  if (!article) return;
  document.title = `${article.title ?? "Article"} · eventwire`;
  const text = el("div", { class: "article-text", lang: article.language ?? undefined }, highlighted(article));
  const cards = el("ol", { class: "event-cards" }, article.events.map(eventCard));
  const select = (eventId, scrollTo) => {
    for (const node of view.querySelectorAll(".selected")) node.classList.remove("selected");
    for (const mark of text.querySelectorAll("mark")) {
      if (mark.dataset.events.split(" ").includes(eventId)) mark.classList.add("selected");
    }
    const card = cards.querySelector(`[data-event="${CSS.escape(eventId)}"]`);
    card?.classList.add("selected");
    const target = scrollTo === "card" ? card : text.querySelector("mark.selected");
    target?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    // The card is scrolled into view inside the events column too (it scrolls on its own), without
    // moving the page away from the highlighted sentence.
    const column = card?.closest("aside");
    if (card && column && scrollTo !== "card") {
      const [cardBox, columnBox] = [card.getBoundingClientRect(), column.getBoundingClientRect()];
      if (cardBox.top < columnBox.top || cardBox.bottom > columnBox.bottom) column.scrollTop += cardBox.top - columnBox.top - 8;
    }
  };
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (mark) select(mark.dataset.events.split(" ")[0], "card");
  });
  cards.addEventListener("click", (event) => {
    const card = event.target.closest("li[data-event]");
    if (card && !event.target.closest("a")) select(card.dataset.event, "text");
  });

  const url = article.url ? safeExternalUrl(article.url) : null;
  const meta = el("p", { class: "meta" },
    [article.source, shortDate(article.published), article.author ? `by ${article.author}` : null]
      .filter(Boolean).join(" · "));
  const source = article.url
    ? el("p", { class: "source" }, "Source: ",
      url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, article.url) : article.url)
    : null;
  const duplicate = article.near_duplicate_of
    ? el("p", { class: "meta" }, "Near-duplicate of ", navLink(`/article/${encodeURIComponent(article.near_duplicate_of)}`, "an earlier article"))
    : null;
  view.replaceChildren(el("div", { class: "article-page" },
    el("article", { class: "panel" }, el("h1", {}, article.title ?? "(untitled)"), meta, source, duplicate, text),
    el("aside", { class: "panel" }, el("h2", {}, plural(article.events.length, "event")),
      article.events.length ? cards : el("p", { class: "empty" }, "No event was coded in this article."))));
  const wanted = new URLSearchParams(search).get("event");
  if (wanted) select(wanted, "text");
}

// The text cut at every evidence and trigger boundary; a piece inside some evidence becomes a <mark>
// naming its events, a piece inside a trigger is also <strong>.
function highlighted(article) {
  const { text, events } = article;
  const cuts = new Set([0, text.length]);
  for (const event of events) {
    const { start, end, trigger_start: ts, trigger_end: te } = event.evidence;
    for (const offset of [start, end, ts, te]) if (Number.isInteger(offset) && offset >= 0 && offset <= text.length) cuts.add(offset);
  }
  const offsets = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < offsets.length; i += 1) {
    const [from, to] = [offsets[i], offsets[i + 1]];
    const piece = text.slice(from, to);
    const covering = events.filter((e) => e.evidence.start <= from && to <= e.evidence.end);
    if (!covering.length) {
      pieces.push(piece);
      continue;
    }
    const inTrigger = covering.some((e) => e.evidence.trigger_start <= from && to <= e.evidence.trigger_end);
    // Line breaks at either end of a sentence stay outside the highlight (no stray marks on empty lines).
    const [, lead, body, tail] = piece.match(/^(\s*)([\s\S]*?)(\s*)$/);
    const keepOut = (space) => (space.includes("\n") ? space : "");
    const marked = `${keepOut(lead) ? "" : lead}${body}${keepOut(tail) ? "" : tail}`;
    pieces.push(keepOut(lead));
    if (marked) {
      pieces.push(el("mark", { class: "evidence", dataset: { events: covering.map((e) => e.event_id).join(" ") },
        title: covering.map((e) => `${e.type ?? `CAMEO ${e.cameo}`} (${e.factuality})`).join("; ") },
      inTrigger ? el("strong", {}, marked) : marked));
    }
    pieces.push(keepOut(tail));
  }
  return pieces;
}

function eventCard(record) {
  const row = (label, ...value) => [el("dt", {}, label), el("dd", {}, ...value)];
  const speaker = record.attribution?.speaker;
  return el("li", { class: "event-card", "data-event": record.event_id },
    el("div", { class: "card-head" }, typeBadge(record), el("span", { class: `factuality f-${record.factuality}` }, record.factuality)),
    el("dl", {},
      row("Source", record.source.length ? actorLinks(record.source) : "—"),
      row("Target", record.target.length ? actorLinks(record.target) : "—"),
      row("Date", eventDate(record), record.date && !record.date.from_text ? el("small", {}, " (publication date)") : null),
      row("Place", placeLabel(record) || "—"),
      record.action ? row("Act", `${record.action.type ?? ""} ${record.action.word ?? ""}`.trim()) : null,
      speaker ? row("Said by", speaker.name ?? speaker.text ?? "") : null,
      row("Trigger", `“${record.evidence.trigger}” · CAMEO ${record.cameo}${record.mode ? ` · ${record.mode}` : ""}`),
      row("Intensity", record.intensity ?? "—", " · confidence ", record.confidence.toFixed(2)),
      record.size ? row("Size", el("span", { class: "size" }, sizeText(record.size))) : null));
}
