// Magnitudes (docs/magnitudes.md): the counts a record's "size" object gives (dead, injured, arrested,
// participants, money), on an event card, and their sums over the current selection (GET
// /api/stats/magnitudes), where each real-world event counts once.
import { loadInto } from "./api.js";
import { el } from "./dom.js";

export const COUNTS = [["dead", "dead"], ["injured", "injured"], ["arrested", "arrested"], ["participants", "taking part"]];

const CURRENCY_SIGNS = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", INR: "₹" };

// 2500000000 -> "2.5 billion", 40000 -> "40,000"
function amountText(amount) {
  for (const [scale, word] of [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]]) {
    if (amount >= scale) return `${Number((amount / scale).toFixed(2)).toLocaleString("en")} ${word}`;
  }
  return amount.toLocaleString("en");
}

export function moneyText(money) {
  const sign = CURRENCY_SIGNS[money.currency];
  const amount = amountText(money.amount);
  const text = sign ? `${sign}${amount}` : `${amount} ${money.currency ?? ""}`.trim();
  return money.approximate ? `about ${text}` : text;
}

// "25 dead · at least 2,000 taking part · $2.5 billion"; null when the record gives no figure.
export function sizeText(size) {
  if (!size) return null;
  const approximate = new Set(size.approximate ?? []);
  const parts = COUNTS.filter(([key]) => size[key] !== undefined && size[key] !== null)
    .map(([key, label]) => `${approximate.has(key) ? "at least " : ""}${size[key].toLocaleString("en")} ${label}`);
  if (size.money) parts.push(moneyText(size.money));
  return parts.length ? parts.join(" · ") : null;
}

// The sidebar block: what the selected events killed, injured, arrested, and how many took part.
export async function magnitudesBlock(container, search, filters) {
  const data = await loadInto(container, "/api/stats/magnitudes", filters);
  if (!data) return;
  if (!data.events) {
    container.replaceChildren(el("p", { class: "empty" }, "No figures in these events."));
    return;
  }
  container.replaceChildren(
    el("dl", { class: "totals" }, COUNTS.map(([key, label]) => [
      el("dt", {}, label), el("dd", { "data-total": key }, data[key].toLocaleString("en"))])),
    el("p", { class: "hint" }, `From ${data.events.toLocaleString("en")} ${data.events === 1 ? "event" : "events"}`
      + " that give a figure, each counted once (its largest figure); vague sizes count at their least."));
}
