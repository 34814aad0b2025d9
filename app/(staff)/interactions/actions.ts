"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { interactionSchema } from "@/lib/forms/crm";
import { createInteraction, deleteInteraction, updateInteraction, type Subject } from "@/db/queries/interactions";

const subjectSchema = z.object({ subject: z.enum(["lead", "candidate", "contact"]), subjectId: idSchema });

function toSubject(s: z.infer<typeof subjectSchema>): Subject {
  return s.subject === "lead" ? { leadId: s.subjectId } : s.subject === "candidate" ? { candidateId: s.subjectId } : { contactId: s.subjectId };
}
const pathOf = (s: Subject) => ("leadId" in s ? `/leads/${s.leadId}` : "candidateId" in s ? `/candidates/${s.candidateId}` : `/contacts`);

export const addInteractionAction = action({ access: "interactions.create", schema: interactionSchema.extend(subjectSchema.shape) }, async ({ subject, subjectId, ...input }, { user }) => {
  const s = toSubject({ subject, subjectId });
  const row = await createInteraction(user, s, input);
  revalidatePath(pathOf(s));
  return { id: row.id };
});

export const updateInteractionAction = action({ access: "interactions.create", schema: interactionSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateInteraction(user, id, input);
  return { id };
});

export const deleteInteractionAction = action({ access: "interactions.delete", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  const s = await deleteInteraction(user, id);
  revalidatePath(pathOf(s));
  return { id };
});
