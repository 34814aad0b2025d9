"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, idSchema, requiredText } from "@/lib/action";
import { requiredNumber } from "@/lib/schemas";
import { createCourse, deleteCourse, updateCourse } from "@/db/queries/academics";

const courseSchema = z.object({
  code: requiredText("a course code", 30),
  name: requiredText("a course name"),
  programId: z.coerce.number({ error: "Choose a program" }).int().positive({ error: "Choose a program" }),
  termId: z.coerce.number({ error: "Choose a term" }).int().positive({ error: "Choose a term" }),
  credits: requiredNumber("the credits").pipe(z.number().min(0, { error: "Cannot be negative" }).max(100)),
  teacherIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});

export const createCourseAction = action({ access: "academics.manage", schema: courseSchema }, async (input, { user }) => {
  const row = await createCourse(user, input);
  revalidatePath("/courses");
  return { id: row.id };
});

export const updateCourseAction = action({ access: "academics.manage", schema: courseSchema.extend({ id: idSchema }) }, async ({ id, ...input }, { user }) => {
  await updateCourse(user, id, input);
  revalidatePath(`/courses/${id}`);
  return { id };
});

export const deleteCourseAction = action({ access: "academics.manage", schema: z.object({ id: idSchema }) }, async ({ id }, { user }) => {
  await deleteCourse(user, id);
  revalidatePath("/courses");
  return { id };
});
