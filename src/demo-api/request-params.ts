// Reading a request's URL as the demo API's handlers do: path, query params by first occurrence, integers.

/** Query params by first occurrence, as the handlers read them. */
export function queryOf(url: string): Record<string, string> {
  const questionMark = url.indexOf('?');
  const query: Record<string, string> = {};
  if (questionMark === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(questionMark + 1))) if (!(key in query)) query[key] = value;
  return query;
}

export function pathOf(url: string): string {
  const questionMark = url.indexOf('?');
  return questionMark === -1 ? url : url.slice(0, questionMark);
}

/** Parses an optional integer query param; returns the error message when invalid. */
export function integerParam(raw: string | undefined, name: string, fallback: number, min: number, max: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(raw)) return `Invalid '${name}': must be an integer between ${min} and ${max}`;
  const value = Number(raw);
  if (value < min || value > max) return `Invalid '${name}': must be an integer between ${min} and ${max}`;
  return value;
}
