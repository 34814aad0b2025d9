"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema, requiredText } from "@/lib/action";
import { isoDate, optionalId, optionalNumber } from "@/lib/schemas";
import { createProgram, createTerm, deleteProgram, setTermLocked, updateProgram, updateTerm } from "@/db/queries/academics";

const programSchema = z.object({
  code: requiredText("a code", 30),
  name: requiredText("a name"),
  durationMonths: optionalNumber("the duration in months").pipe(z.number().int({ error: "Whole months" }).min(1).max(240).nullable()),
  gradingScaleId: optionalId,
});

export const createProgramAction = action({ access: "academics.manage", schema: programSchema }, async (input, { user }) => {
  const row = await createProgram(user, input);
  revalidatePath("/academics");
  return { id: row.id };
});

export const updateProgramAction = action({ access: "academics.manage", schema: programSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateProgram(user, id, input);
  revalidatePath("/academics");
  return { id };
});

export const deleteProgramAction = action({ access: "academics.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await deleteProgram(user, id);
  revalidatePath("/academics");
  return { id };
});

const termSchema = z
  .object({ name: requiredText("a name", 60), startsOn: isoDate("the start date"), endsOn: isoDate("the end date") })
  .refine((t) => t.endsOn > t.startsOn, { path: ["endsOn"], error: "Must be after the start date" });

export const createTermAction = action({ access: "academics.manage", schema: termSchema }, async (input, { user }) => {
  const row = await createTerm(user, input);
  revalidatePath("/academics");
  return { id: row.id };
});

export const updateTermAction = action({ access: "academics.manage", schema: z.intersection(termSchema, z.object({ id: idSchema })) }, async ({ id, ...input }, { user }) => {
  await updateTerm(user, id, input);
  revalidatePath("/academics");
  return { id };
});

export const lockTermAction = action({ access: "academics.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await setTermLocked(user, id, true);
  revalidatePath("/academics");
  return { id };
});

export const unlockTermAction = action(
  { access: "terms.unlock", schema: z.object({ id: idSchema, reason: z.string({ error: "Give a reason for unlocking" }).trim().min(3, { error: "Give a reason for unlocking" }).max(500) }) },
  async ({ id, reason }, { user }) => {
    await setTermLocked(user, id, false, reason);
    revalidatePath("/academics");
    return { id };
  },
);
