"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { programSchema, updateProgramSchema } from "@/lib/forms/program";
import { percentConversionSchema } from "@/lib/forms/percent-conversion";
import { termSchema, unlockTermSchema, updateTermSchema } from "@/lib/forms/term";
import { createProgram, deleteProgram, updateProgram } from "@/db/queries/programs";
import { savePercentConversion } from "@/db/queries/percent-conversions";
import { createTerm, setTermLocked, updateTerm } from "@/db/queries/terms";

export const createProgramAction = action({ access: "academics.manage", schema: programSchema }, async (input, { user }) => {
  const row = await createProgram(user, input);
  revalidatePath("/academics");
  return { id: row.id };
});

export const updateProgramAction = action({ access: "academics.manage", schema: updateProgramSchema }, async ({ id, ...input }, { user }) => {
  await updateProgram(user, id, input);
  revalidatePath("/academics");
  return { id };
});

export const deleteProgramAction = action({ access: "academics.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteProgram(user, id);
  revalidatePath("/academics");
  return { id };
});

/** Adds a CGPA → percentage conversion, or edits one (id given). */
export const savePercentConversionAction = action({ access: "academics.manage", schema: percentConversionSchema }, async (input, { user }) => {
  const row = await savePercentConversion(user, input);
  revalidatePath("/academics");
  return { id: row.id };
});

export const createTermAction = action({ access: "academics.manage", schema: termSchema }, async (input, { user }) => {
  const row = await createTerm(user, input);
  revalidatePath("/academics");
  return { id: row.id };
});

export const updateTermAction = action({ access: "academics.manage", schema: updateTermSchema }, async ({ id, ...input }, { user }) => {
  await updateTerm(user, id, input);
  revalidatePath("/academics");
  return { id };
});

export const lockTermAction = action({ access: "academics.manage", schema: idOnly }, async ({ id }, { user }) => {
  await setTermLocked(user, id, true);
  revalidatePath("/academics");
  return { id };
});

export const unlockTermAction = action({ access: "terms.unlock", schema: unlockTermSchema }, async ({ id, reason }, { user }) => {
  await setTermLocked(user, id, false, reason);
  revalidatePath("/academics");
  return { id };
});
