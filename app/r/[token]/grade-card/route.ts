import { createElement } from "react";
import { render } from "@react-email/render";
import { z } from "zod";
import { route } from "@/lib/route";
import { optionalId } from "@/lib/forms/fields";
import { RESULT_LINK_LIMITS } from "@/lib/auth/limits";
import { trustedClientAddress } from "@/lib/client-address.mjs";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { gradeCardFilename, pdfHeaders, renderGradeCard } from "@/lib/pdf/render";
import { resolveAccessLink } from "@/db/queries/access-links";
import { countsAsOpen } from "@/lib/receipts";
import { loadGradeCard } from "@/db/queries/grade-cards";
import { latestCardTerm } from "@/db/queries/grade-card-runs";
import { hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { InvalidLinkDocument, NoCardDocument } from "@/components/result-page/result-document";

async function invalid(status: number, tooMany = false, words?: { title: string; text: string }): Promise<Response> {
  const doc = words ? createElement(NoCardDocument, words) : createElement(InvalidLinkDocument, { tooMany });
  const body = (await render(doc)).replace(/^<!DOCTYPE[^>]*>/i, "<!DOCTYPE html>");
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

/** A valid link, but no card to give: said plainly, in the result page's look. */
function noCard(): Promise<Response> {
  return invalid(404, false, {
    title: "No grade card for this term yet",
    text: "The school has not released results for this term. Open your result page for what is available so far.",
  });
}

/**
 * The parents' grade card behind the personal link: the link's own candidate, released marks
 * only (what their result page shows), as a PDF. `?term=` picks the term, else the latest.
 * A dead link gets the result page's plain refusal; guessing is rate-limited per address.
 */
export const GET = route(
  { access: "public", schema: z.object({ token: z.string().max(200), term: optionalId.optional() }) },
  async ({ token, term }, { request, user }) => {
    const ip = trustedClientAddress(request.headers, env.MARKBOOK_SERVER_MARK);
    const key = `result-link:ip:${ip}`;
    const limit = await peekRateLimit(key, RESULT_LINK_LIMITS.ip);
    if (!limit.allowed) {
      const res = await invalid(429, true);
      res.headers.set("Retry-After", String(limit.retryAfterSeconds));
      return res;
    }
    // Opening the card straight from the email is opening the link (a read receipt); going on to it from the result page is not a second open.
    const link = await resolveAccessLink(token, { count: countsAsOpen(request, !!user, { besideResultPage: true }) });
    if (!link) {
      await hitRateLimit(key, RESULT_LINK_LIMITS.ip);
      return invalid(404);
    }
    const termId = term ?? (await latestCardTerm(link));
    if (!termId) return noCard();
    try {
      const data = await loadGradeCard(link, link.candidateId, termId);
      const pdf = await renderGradeCard(data);
      return new Response(new Uint8Array(pdf), { headers: { ...pdfHeaders(gradeCardFilename(data), pdf.length), "X-Robots-Tag": "noindex, nofollow" } });
    } catch (e) {
      // A term with nothing to print (or a link revoked a moment ago).
      if (e instanceof NotFoundError) return noCard();
      throw e;
    }
  },
);
