"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { CANDIDATE_STATUSES } from "@/lib/constants";
import { action, idSchema } from "@/lib/action";
import { candidateSchema } from "@/lib/forms/candidate";
import { createCandidate, setCandidateStatus, updateCandidate, updateCandidateNotes } from "@/db/queries/candidates";
import { revokeAccessLink } from "@/db/queries/access-links";
import { eraseCandidate } from "@/db/queries/privacy";
import { eraseCandidateSchema } from "@/lib/forms/privacy";

export const createCandidateAction = action({ access: "candidates.create", schema: candidateSchema }, async (input, { user }) => {
  const row = await createCandidate(user, input);
  revalidatePath("/candidates");
  return { id: row.id, candidateNumber: row.candidateNumber };
});

export const updateCandidateAction = action(
  { access: "candidates.update", schema: z.intersection(z.object({ id: idSchema }), candidateSchema) },
  async ({ id, ...input }, { user }) => {
    await updateCandidate(user, id, input);
    revalidatePath(`/candidates/${id}`);
    return { id };
  },
);

export const updateNotesAction = action(
  { access: "candidates.notes", schema: z.object({ id: idSchema, notes: z.string().max(5000, { error: "Use at most 5,000 characters" }).transform((v) => v.trim() || null) }) },
  async ({ id, notes }, { user }) => {
    await updateCandidateNotes(user, id, notes);
    revalidatePath(`/candidates/${id}`);
    return { id };
  },
);

export const setStatusAction = action({ access: "candidates.update", schema: z.object({ id: idSchema, status: z.enum(CANDIDATE_STATUSES) }) }, async ({ id, status }, { user }) => {
  await setCandidateStatus(user, id, status);
  revalidatePath(`/candidates/${id}`);
  return { id, status };
});

export const revokeLinkAction = action({ access: "access-links.manage", schema: z.object({ id: idSchema, candidateId: idSchema }) }, async ({ id, candidateId }, { user }) => {
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
