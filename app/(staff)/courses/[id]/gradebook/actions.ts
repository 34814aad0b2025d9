"use server";

import { action } from "@/lib/action";
import { markCellSchema, saveMarkSchema } from "@/lib/forms/mark";
import { markHistory, saveMark } from "@/db/queries/marks";

/** One gradebook cell: each cell saves on its own. */
export const saveMarkAction = action({ access: "marks.write", schema: saveMarkSchema }, async (input, { user }) => {
  return saveMark(user, input);
});

export const markHistoryAction = action({ access: "marks.read", schema: markCellSchema }, async (input, { user }) => {
  const rows = await markHistory(user, input.assessmentId, input.candidateId);
  return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
});
