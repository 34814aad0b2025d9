/**
 * `base` (a path, optionally with its own query) with `params` merged over its query and `page` set.
 * Undefined or empty values remove the key, and page 1 is left out, so every list has one canonical URL.
 */
export function buildHref(base: string, params: Record<string, string | undefined>, page: number): string {
  const hashAt = base.indexOf("#");
  const hash = hashAt === -1 ? "" : base.slice(hashAt);
  const withoutHash = hashAt === -1 ? base : base.slice(0, hashAt);
  const queryAt = withoutHash.indexOf("?");
  const path = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? "" : withoutHash.slice(queryAt + 1));

  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") query.delete(key);
    else query.set(key, value);
  }
  if (Number.isSafeInteger(page) && page > 1) query.set("page", String(page));
  else query.delete("page");

  const qs = query.toString();
  return `${path}${qs ? `?${qs}` : ""}${hash}`;
}
