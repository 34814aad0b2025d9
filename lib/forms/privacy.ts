import { z } from "zod";
import { idSchema, trim } from "./fields";

/** Erasing a candidate: the candidate number typed again, and why (the erase dialog's fields). */
export const eraseCandidateSchema = z.object({
  id: idSchema,
  confirm: z.preprocess(trim, z.string({ error: "Type the candidate number to confirm" }).min(1, { error: "Type the candidate number to confirm" }).max(100)),
  reason: z.preprocess(
    trim,
    z
      .string({ error: "Say why this candidate's data is being erased" })
      .min(1, { error: "Say why this candidate's data is being erased" })
      .max(1000, { error: "Use at most 1,000 characters" }),
  ),
});

export type EraseCandidateInput = z.infer<typeof eraseCandidateSchema>;
