import { z } from "zod";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Erasing a candidate: the candidate number typed again, and why. Shared by the dialog and the action. */
export const eraseCandidateSchema = z.object({
  id: z.coerce.number({ error: "Missing id" }).int().positive({ error: "Missing id" }),
  confirm: z.preprocess(trimmed, z.string({ error: "Type the candidate number to confirm" }).min(1, { error: "Type the candidate number to confirm" }).max(100)),
  reason: z.preprocess(
    trimmed,
    z
      .string({ error: "Say why this candidate's data is being erased" })
      .min(1, { error: "Say why this candidate's data is being erased" })
      .max(1000, { error: "Use at most 1,000 characters" }),
  ),
});

export type EraseCandidateInput = z.infer<typeof eraseCandidateSchema>;
