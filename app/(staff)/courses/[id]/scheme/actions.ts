"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { schemeInputSchema } from "@/lib/forms/scheme";
import { previewSchemeChange, saveCourseScheme } from "@/db/queries/schemes";

/** What saving would change, for every enrolled candidate; nothing is written. */
export const previewSchemeAction = action({ access: "assessments.manage", schema: schemeInputSchema }, async (input, { user }) => {
  return previewSchemeChange(user, input);
});

/** A new version of the course's scheme: every result recomputed and the alerts checked again, in one transaction. */
export const saveSchemeAction = action({ access: "assessments.manage", schema: schemeInputSchema }, async (input, { user }) => {
  const saved = await saveCourseScheme(user, input);
  revalidatePath(`/courses/${input.courseId}`, "layout");
  return saved;
});
