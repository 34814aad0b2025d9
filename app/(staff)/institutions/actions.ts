"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema } from "@/lib/action";
import { institutionSchema } from "@/lib/forms/crm";
import { createInstitution, deleteInstitution, searchInstitutions, updateInstitution } from "@/db/queries/institutions";

export const createInstitutionAction = action({ access: "institutions.manage", schema: institutionSchema }, async (input, { user }) => {
  const row = await createInstitution(user, input);
  revalidatePath("/institutions");
  return { id: row.id };
});

export const updateInstitutionAction = action({ access: "institutions.manage", schema: institutionSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateInstitution(user, id, input);
  revalidatePath("/institutions");
  return { id };
});

export const deleteInstitutionAction = action({ access: "institutions.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await deleteInstitution(user, id);
  revalidatePath("/institutions");
  return { id };
});

export const searchInstitutionsAction = action({ access: "institutions.read", schema: z.object({ q: z.string().max(100) }) }, async ({ q }, { user }) => {
  return searchInstitutions(user, q.trim());
});
