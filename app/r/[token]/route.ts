import { createElement } from "react";
import { render } from "@react-email/render";
import { z } from "zod";
import { route } from "@/lib/route";
import { RESULT_LINK_LIMITS } from "@/lib/auth/limits";
import { trustedClientAddress } from "@/lib/client-address.mjs";
import { env } from "@/lib/env";
import { resolveAccessLink } from "@/db/queries/access-links";
import { countsAsOpen } from "@/lib/receipts";
import { resultPageForLink, resultPageVersion } from "@/db/queries/results";
import { Lru } from "@/lib/lru";
import { getSettings } from "@/db/queries/settings";
import { hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { InvalidLinkDocument, ResultDocument } from "@/components/result-page/result-document";

const pages = new Lru<string, string>(500);

/** Renders a whole document to a string (React Email's renderer: plain HTML, no hydration). */
async function renderDocument(element: React.ReactElement): Promise<string> {
  return (await render(element)).replace(/^<!DOCTYPE[^>]*>/i, "<!DOCTYPE html>");
}

async function html(element: React.ReactElement, status = 200): Promise<Response> {
  return page(await renderDocument(element), status);
}

function page(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store, max-age=0",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}

const tokenSchema = z.object({ token: z.string().max(200) });

/**
 * The read-only result page an emailed link opens. Anyone holding a valid link sees that
 * one candidate; every other token, whatever the reason, gets the same plain page. Guessing
 * is rate-limited per address. Each view by the recipient is counted (the read receipt the
 * candidate page and the report run show); a staff member signed in on this browser, or a
 * prefetch, sees the page without counting.
 */
export const GET = route({ access: "public", schema: tokenSchema }, async ({ token }, { request, user }) => {
  const ip = trustedClientAddress(request.headers, env.MARKBOOK_SERVER_MARK);
  const key = `result-link:ip:${ip}`;
  const limit = await peekRateLimit(key, RESULT_LINK_LIMITS.ip);
  if (!limit.allowed) {
    const res = await html(createElement(InvalidLinkDocument, { tooMany: true }), 429);
    res.headers.set("Retry-After", String(limit.retryAfterSeconds));
    return res;
  }
  const link = await resolveAccessLink(token, { count: countsAsOpen(request, !!user) });
  if (!link) {
    await hitRateLimit(key, RESULT_LINK_LIMITS.ip);
    return html(createElement(InvalidLinkDocument), 404);
  }
  // Rendered pages are kept per link and data version: a parent refreshing the page, or many
  // opening their links after a bulk send, costs a version check instead of a full render.
  const version = await resultPageVersion(link);
  const day = new Date().toISOString().slice(0, 10);
  const cacheKey = `${link.linkId}:${version}:${day}`;
  const cached = pages.get(cacheKey);
  if (cached) return page(cached);
  const [settings, shown] = await Promise.all([getSettings(), resultPageForLink(link)]);
  // Revoked in the instant since it resolved: the same page as any other dead link.
  if (!shown) return html(createElement(InvalidLinkDocument), 404);
  const body = await renderDocument(
    createElement(ResultDocument, {
      brand: { name: settings.name, color: settings.brandColor },
      candidate: shown.candidate,
      results: shown.results,
      expiresAt: link.expiresAt,
      // Relative: from /r/<token> it opens /r/<token>/grade-card, the same link's PDF.
      gradeCardHref: (termId: number) => `${encodeURIComponent(token)}/grade-card?term=${termId}`,
    }),
  );
  pages.set(cacheKey, body);
  return page(body);
});

/**
 * A HEAD (a mail scanner or a link checker asking whether the link is there) gets the status
 * and headers a GET would, with no body, and is never counted as an open: Next would otherwise
 * answer it by running GET.
 */
export const HEAD = route({ access: "public", schema: tokenSchema }, async ({ token }, { request }) => {
  const ip = trustedClientAddress(request.headers, env.MARKBOOK_SERVER_MARK);
  const key = `result-link:ip:${ip}`;
  const limit = await peekRateLimit(key, RESULT_LINK_LIMITS.ip);
  if (!limit.allowed) {
    const res = page("", 429);
    res.headers.set("Retry-After", String(limit.retryAfterSeconds));
    return res;
  }
  const link = await resolveAccessLink(token, { count: false });
  if (!link) await hitRateLimit(key, RESULT_LINK_LIMITS.ip);
  return page("", link ? 200 : 404);
});
