"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { gradeCardRunSchema, gradeCardRunScopeSchema } from "@/lib/forms/grade-cards";
import { continueGradeCardRun, startGradeCardRun } from "@/db/queries/grade-card-runs";

export const startGradeCardRunAction = action({ access: "marks.read", schema: gradeCardRunScopeSchema }, async (scope, { user }) => {
  const run = await startGradeCardRun(user, scope);
  revalidatePath("/grade-cards");
  return { runId: run.id, total: run.total };
});

/** One batch at a time, so a long run shows progress and can be left and resumed. */
export const continueGradeCardRunAction = action({ access: "marks.read", schema: gradeCardRunSchema }, async ({ runId }, { user }) => {
  return continueGradeCardRun(user, runId);
});
