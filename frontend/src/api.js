// The JSON API the page reads (docs/api.md). Filters live in the page's URL with the API's own
// parameter names, so a shared link and the API request are the same query.

import { notice } from "./dom.js";

export const FILTER_KEYS = [
  "actor", "actor_country", "actor_sector", "role", "source", "target", "type", "mode", "cameo", "factuality",
  "quad_class", "since", "until", "place_country", "near", "radius", "at", "outlet", "text",
  "min_confidence", "max_confidence", "min_intensity", "max_intensity",
];

export class ApiError extends Error {
  constructor(message, parameter) {
    super(parameter ? `${parameter}: ${message}` : message);
    this.parameter = parameter;
  }
}

// The JSON at path; on an error the container shows it instead (after `before`, e.g. controls that stay
// usable) and the result is null.
export async function loadInto(container, path, params, ...before) {
  try {
    return await getJSON(path, params);
  } catch (error) {
    container.replaceChildren(...before, notice(error.message));
    return null;
  }
}

export async function getJSON(path, params) {
  const query = params ? params.toString() : "";
  const response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body?.error?.message ?? `${response.status} ${response.statusText}`, body?.error?.parameter);
  }
  return body;
}

// The filter parameters of a URL search string (everything else, like sort or page, is dropped).
export function filterParams(search, { without = [] } = {}) {
  const given = new URLSearchParams(search);
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (without.includes(key)) continue;
    for (const value of given.getAll(key)) if (value.trim() !== "") params.append(key, value.trim());
  }
  return params;
}

export function withParams(params, extra) {
  const copy = new URLSearchParams(params);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined) copy.set(key, value);
  return copy;
}
