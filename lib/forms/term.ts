import { z } from "zod";
import { idSchema, isoDate, requiredText } from "./fields";

export const termSchema = z
  .object({ name: requiredText("a name", 60), startsOn: isoDate("the start date"), endsOn: isoDate("the end date") })
  .refine((t) => t.endsOn > t.startsOn, { path: ["endsOn"], error: "Must be after the start date" });

export const updateTermSchema = z.intersection(termSchema, z.object({ id: idSchema }));

/** Unlocking a locked term is an exception: it needs a reason, kept in the audit trail. */
export const unlockTermSchema = z.object({
  id: idSchema,
  reason: z.string({ error: "Give a reason for unlocking" }).trim().min(3, { error: "Give a reason for unlocking" }).max(500),
});
