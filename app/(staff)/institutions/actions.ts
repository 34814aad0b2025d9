"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { institutionSchema, updateInstitutionSchema } from "@/lib/forms/institution";
import { searchSchema } from "@/lib/forms/search";
import { createInstitution, deleteInstitution, searchInstitutions, updateInstitution } from "@/db/queries/institutions";

export const createInstitutionAction = action({ access: "institutions.manage", schema: institutionSchema }, async (input, { user }) => {
  const row = await createInstitution(user, input);
  revalidatePath("/institutions");
  return { id: row.id };
});

export const updateInstitutionAction = action({ access: "institutions.manage", schema: updateInstitutionSchema }, async ({ id, ...input }, { user }) => {
  await updateInstitution(user, id, input);
  revalidatePath("/institutions");
  return { id };
});

export const deleteInstitutionAction = action({ access: "institutions.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteInstitution(user, id);
  revalidatePath("/institutions");
  return { id };
});

export const searchInstitutionsAction = action({ access: "institutions.read", schema: searchSchema }, async ({ q }, { user }) => {
  return searchInstitutions(user, q.trim());
});
