"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { continueReportRun, startReportRun, type ReportScope } from "@/db/queries/reports";

const scopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("candidate"), candidateId: idSchema }),
  z.object({ kind: z.literal("course"), courseId: idSchema }),
  z.object({ kind: z.literal("program_term"), programId: idSchema, termId: idSchema }),
  z.object({ kind: z.literal("term"), termId: idSchema }),
]);

export const startReportRunAction = action({ access: "reports.send", schema: scopeSchema }, async (scope, { user }) => {
  const run = await startReportRun(user, scope as ReportScope);
  revalidatePath("/reports");
  return { runId: run.id, total: run.total };
});

/** One batch at a time, so a long run shows progress and can be left and resumed. */
export const continueReportRunAction = action({ access: "reports.send", schema: z.object({ runId: idSchema }) }, async ({ runId }, { user }) => {
  return continueReportRun(user, runId);
});
