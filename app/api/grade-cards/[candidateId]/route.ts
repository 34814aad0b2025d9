import { route } from "@/lib/route";
import { gradeCardQuerySchema } from "@/lib/forms/grade-cards";
import { gradeCardFilename, pdfHeaders, renderGradeCard } from "@/lib/pdf/render";
import { loadGradeCard } from "@/db/queries/grade-cards";

/**
 * A candidate's grade card for a term, made now, as a PDF download. The same scope as the
 * candidate page: faculty see their own courses' candidates (and only those courses' figures).
 */
export const GET = route({ access: "marks.read", schema: gradeCardQuerySchema }, async ({ candidateId, term }, { user }) => {
  const data = await loadGradeCard(user, candidateId, term);
  const pdf = await renderGradeCard(data);
  return new Response(new Uint8Array(pdf), { headers: pdfHeaders(gradeCardFilename(data), pdf.length) });
});
