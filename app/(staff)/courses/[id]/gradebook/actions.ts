"use server";

import { z } from "zod";
import { MARK_STATUSES } from "@/lib/constants";
import { action, idSchema, optionalText } from "@/lib/action";
import { optionalNumber } from "@/lib/schemas";
import { markHistory, saveMark } from "@/db/queries/marks";

const saveSchema = z.object({
  assessmentId: idSchema,
  candidateId: idSchema,
  score: optionalNumber("a number"),
  status: z.enum(MARK_STATUSES),
  feedback: z.string().max(2000).optional(),
  expectedVersion: z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().nonnegative().nullable()),
  reason: optionalText(500),
});

/** One gradebook cell: each cell saves on its own. */
export const saveMarkAction = action({ access: "marks.write", schema: saveSchema }, async (input, { user }) => {
  return saveMark(user, input);
});

export const markHistoryAction = action({ access: "marks.read", schema: z.object({ assessmentId: idSchema, candidateId: idSchema }) }, async (input, { user }) => {
  const rows = await markHistory(user, input.assessmentId, input.candidateId);
  return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
});
