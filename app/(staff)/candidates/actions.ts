"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { candidateNotesSchema, candidateSchema, candidateStatusSchema, updateCandidateSchema } from "@/lib/forms/candidate";
import { revokeLinkSchema } from "@/lib/forms/access-link";
import { createCandidate, setCandidateStatus, updateCandidate, updateCandidateNotes } from "@/db/queries/candidates";
import { revokeAccessLink } from "@/db/queries/access-links";
import { eraseCandidate } from "@/db/queries/privacy";
import { eraseCandidateSchema } from "@/lib/forms/privacy";
import { remarksSchema } from "@/lib/forms/remarks";
import { saveRemarks } from "@/db/queries/remarks";

export const createCandidateAction = action({ access: "candidates.create", schema: candidateSchema }, async (input, { user }) => {
  const row = await createCandidate(user, input);
  revalidatePath("/candidates");
  return { id: row.id, candidateNumber: row.candidateNumber };
});

export const updateCandidateAction = action({ access: "candidates.update", schema: updateCandidateSchema }, async ({ id, ...input }, { user }) => {
  await updateCandidate(user, id, input);
  revalidatePath(`/candidates/${id}`);
  return { id };
});

export const updateNotesAction = action({ access: "candidates.notes", schema: candidateNotesSchema }, async ({ id, notes }, { user }) => {
  await updateCandidateNotes(user, id, notes);
  revalidatePath(`/candidates/${id}`);
  return { id };
});

export const setStatusAction = action({ access: "candidates.update", schema: candidateStatusSchema }, async ({ id, status }, { user }) => {
  await setCandidateStatus(user, id, status);
  revalidatePath(`/candidates/${id}`);
  return { id, status };
});

export const revokeLinkAction = action({ access: "access-links.manage", schema: revokeLinkSchema }, async ({ id, candidateId }, { user }) => {
  await revokeAccessLink(user, id);
  revalidatePath(`/candidates/${candidateId}`);
  return { id };
});

/** Erasure (admins only): anonymises the candidate, keeps the figures. */
export const eraseCandidateAction = action({ access: "candidates.privacy", schema: eraseCandidateSchema }, async ({ id, confirm, reason }, { user }) => {
  const r = await eraseCandidate(user, id, { confirm, reason });
  revalidatePath(`/candidates/${id}`);
  revalidatePath("/candidates");
  return { id: r.id, erasedAt: r.erasedAt.toISOString() };
});

export const saveRemarksAction = action({ access: "remarks.write", schema: remarksSchema }, async (input, { user }) => {
  const saved = await saveRemarks(user, input);
  revalidatePath(`/candidates/${input.candidateId}`);
  return { id: input.candidateId, ...saved };
});
