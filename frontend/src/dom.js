// Building the page's DOM. Stored text (article titles and bodies, actor names, outlets) comes from the
// news and may hold markup: it only ever enters the page as text nodes, never through innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

// el("a", {href: "/x", class: "c"}, "text", child): an element; strings become text nodes.
// Attributes go through setAttribute, so no on* handler string is ever parsed from data.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  return fill(node, attributes, children);
}

export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  return fill(node, attributes, children);
}

function fill(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// A link the page follows itself (history.pushState) instead of reloading.
export function navLink(href, ...children) {
  return el("a", { href, "data-nav": true }, ...children);
}

// Only http(s) links to sources: a stored url such as "javascript:..." must not become clickable.
export function safeExternalUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function panel(title, ...children) {
  return el("section", { class: "panel" }, el("h2", {}, title), ...children);
}

export function notice(message, kind = "error") {
  return el("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
}
