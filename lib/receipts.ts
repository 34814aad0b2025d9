// What counts as a recipient opening their personal link (the read receipts of issue 14).

/**
 * A request made ahead of the reader (a browser's prefetch or prerender, a link preview), not
 * a person looking at the page: it is answered, but not counted as an open.
 */
export function isSpeculative(request: Request): boolean {
  const h = request.headers;
  const purpose = [h.get("sec-purpose"), h.get("purpose"), h.get("x-purpose"), h.get("x-moz")].filter(Boolean).join(" ");
  return /prefetch|prerender|preview/i.test(purpose);
}

/**
 * Whether this request is the recipient opening their link: a GET (a HEAD is a scanner asking
 * whether it is there), not speculative, and not a signed-in staff member looking. With
 * `besideResultPage` (the grade card), a request from Markbook's own pages is the reader going
 * on from the result page, already counted there; one straight from the email counts.
 */
export function countsAsOpen(request: Request, signedIn: boolean, opts: { besideResultPage?: boolean } = {}): boolean {
  if (request.method !== "GET" || signedIn || isSpeculative(request)) return false;
  return !(opts.besideResultPage && request.headers.get("sec-fetch-site") === "same-origin");
}
