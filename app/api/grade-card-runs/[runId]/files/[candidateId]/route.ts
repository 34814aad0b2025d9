import { z } from "zod";
import { route } from "@/lib/route";
import { idSchema } from "@/lib/forms/fields";
import { pdfHeaders } from "@/lib/pdf/render";
import { gradeCardFile } from "@/db/queries/grade-card-runs";

/** One card a run made, as it was stored. The run's maker and admins only. */
export const GET = route({ access: "marks.read", schema: z.object({ runId: idSchema, candidateId: idSchema }) }, async ({ runId, candidateId }, { user }) => {
  const { fileName, pdf } = await gradeCardFile(user, runId, candidateId);
  return new Response(new Uint8Array(pdf), { headers: pdfHeaders(fileName, pdf.length) });
});
