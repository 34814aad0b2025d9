import { z } from "zod";
import { idSchema, requiredId } from "./fields";

/** The most a grade card's remarks box holds (a few lines at the card's type size). */
export const REMARKS_MAX = 500;

/** A grade card's remarks for a candidate's term; blank clears them. `version`: what the writer loaded (0: none). */
export const remarksSchema = z.object({
  candidateId: idSchema,
  termId: requiredId("Choose the term"),
  body: z.preprocess((v) => (typeof v === "string" ? v.trim() : (v ?? "")), z.string().max(REMARKS_MAX, { error: `Use at most ${REMARKS_MAX} characters` })),
  version: z.coerce.number().int().nonnegative(),
});
