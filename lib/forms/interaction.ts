import { z } from "zod";
import { INTERACTION_KINDS } from "@/lib/constants";
import { idSchema } from "./fields";

export const interactionSchema = z.object({
  kind: z.enum(INTERACTION_KINDS, { error: "Choose a kind" }),
  body: z.string({ error: "Write something" }).trim().min(1, { error: "Write something" }).max(10000),
});

/** What an interaction is about: a lead, a candidate or a contact. */
export const interactionSubjectSchema = z.object({ subject: z.enum(["lead", "candidate", "contact"]), subjectId: idSchema });
export type InteractionSubjectInput = z.infer<typeof interactionSubjectSchema>;

export const addInteractionSchema = interactionSchema.extend(interactionSubjectSchema.shape);

export const updateInteractionSchema = interactionSchema.extend({ id: idSchema });
