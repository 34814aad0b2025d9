import { z } from "zod";
import { MARK_STATUSES } from "@/lib/constants";
import { expectedVersion, idSchema, optionalNumber, optionalText } from "./fields";

/** One gradebook cell. The score's range and its status are checked by lib/gradebook's validateMark, with the assessment's maximum. */
export const saveMarkSchema = z.object({
  assessmentId: idSchema,
  candidateId: idSchema,
  score: optionalNumber("a number"),
  status: z.enum(MARK_STATUSES),
  feedback: z.string().max(2000).optional(),
  expectedVersion,
  reason: optionalText(500),
});

/** One candidate's mark in one assessment (its history). */
export const markCellSchema = z.object({ assessmentId: idSchema, candidateId: idSchema });
