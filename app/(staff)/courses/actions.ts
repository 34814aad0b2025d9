"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { courseSchema, updateCourseSchema } from "@/lib/forms/course";
import { idOnly } from "@/lib/forms/fields";
import { createCourse, deleteCourse, updateCourse } from "@/db/queries/courses";

export const createCourseAction = action({ access: "academics.manage", schema: courseSchema }, async (input, { user }) => {
  const row = await createCourse(user, input);
  revalidatePath("/courses");
  return { id: row.id };
});

export const updateCourseAction = action({ access: "academics.manage", schema: updateCourseSchema }, async ({ id, ...input }, { user }) => {
  await updateCourse(user, id, input);
  revalidatePath(`/courses/${id}`);
  return { id };
});

export const deleteCourseAction = action({ access: "academics.manage", schema: idOnly }, async ({ id }, { user }) => {
  await deleteCourse(user, id);
  revalidatePath("/courses");
  return { id };
});
