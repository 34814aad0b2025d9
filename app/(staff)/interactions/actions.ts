"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { addInteractionSchema, updateInteractionSchema, type InteractionSubjectInput } from "@/lib/forms/interaction";
import { createInteraction, deleteInteraction, updateInteraction, type Subject } from "@/db/queries/interactions";

function toSubject(s: InteractionSubjectInput): Subject {
  return s.subject === "lead" ? { leadId: s.subjectId } : s.subject === "candidate" ? { candidateId: s.subjectId } : { contactId: s.subjectId };
}
const pathOf = (s: Subject) => ("leadId" in s ? `/leads/${s.leadId}` : "candidateId" in s ? `/candidates/${s.candidateId}` : `/contacts`);

export const addInteractionAction = action(
  { access: "interactions.create", schema: addInteractionSchema },
  async ({ subject, subjectId, ...input }, { user }) => {
    const s = toSubject({ subject, subjectId });
    const row = await createInteraction(user, s, input);
    revalidatePath(pathOf(s));
    return { id: row.id };
  },
);

export const updateInteractionAction = action({ access: "interactions.create", schema: updateInteractionSchema }, async ({ id, ...input }, { user }) => {
  await updateInteraction(user, id, input);
  return { id };
});

export const deleteInteractionAction = action({ access: "interactions.delete", schema: idOnly }, async ({ id }, { user }) => {
  const s = await deleteInteraction(user, id);
  revalidatePath(pathOf(s));
  return { id };
});
