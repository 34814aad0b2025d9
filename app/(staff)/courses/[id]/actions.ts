"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ASSESSMENT_KINDS, ENROLLMENT_STATUSES } from "@/lib/constants";
import { action, checkbox, idSchema, requiredText } from "@/lib/action";
import { optionalDate, requiredNumber } from "@/lib/schemas";
import { createAssessment, deleteOrArchiveAssessment, restoreAssessment, updateAssessment } from "@/db/queries/assessments";
import { enrollMany, setEnrollmentStatus } from "@/db/queries/candidates";
import { optionalId } from "@/lib/schemas";

const assessmentSchema = z.object({
  courseId: idSchema,
  name: requiredText("a name", 120),
  kind: z.enum(ASSESSMENT_KINDS, { error: "Choose a kind" }),
  maxScore: requiredNumber("the maximum score").pipe(z.number().gt(0, { error: "Must be above 0" }).max(100000)),
  weight: requiredNumber("the weight").pipe(z.number().min(0, { error: "Cannot be negative" }).max(100000)),
  dueOn: optionalDate("the due date"),
  published: checkbox,
});

export const createAssessmentAction = action({ access: "assessments.manage", schema: assessmentSchema }, async ({ courseId, ...input }, { user }) => {
  const row = await createAssessment(user, courseId, input);
  revalidatePath(`/courses/${courseId}`);
  return { id: row.id };
});

export const updateAssessmentAction = action({ access: "assessments.manage", schema: assessmentSchema.extend({ id: idSchema }) }, async ({ id, courseId, ...input }, { user }) => {
  await updateAssessment(user, id, input);
  revalidatePath(`/courses/${courseId}`);
  return { id };
});

export const removeAssessmentAction = action({ access: "assessments.manage", schema: z.object({ id: idSchema, courseId: idSchema }) }, async ({ id, courseId }, { user }) => {
  const outcome = await deleteOrArchiveAssessment(user, id);
  revalidatePath(`/courses/${courseId}`);
  return { outcome };
});

export const restoreAssessmentAction = action({ access: "assessments.manage", schema: z.object({ id: idSchema, courseId: idSchema }) }, async ({ id, courseId }, { user }) => {
  await restoreAssessment(user, id);
  revalidatePath(`/courses/${courseId}`);
  return { id };
});

export const enrollAction = action(
  {
    access: "enrollments.manage",
    schema: z.object({
      courseId: idSchema,
      numbers: z.preprocess((v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : (v ?? [])), z.array(z.string().max(50)).max(5000, { error: "At most 5,000 at a time" })),
      programId: optionalId,
    }),
  },
  async ({ courseId, numbers, programId }, { user }) => {
    const r = await enrollMany(user, courseId, { numbers, programId });
    revalidatePath(`/courses/${courseId}`);
    return r;
  },
);

export const setEnrollmentStatusAction = action(
  { access: "enrollments.manage", schema: z.object({ enrollmentId: idSchema, courseId: idSchema, status: z.enum(ENROLLMENT_STATUSES) }) },
  async ({ enrollmentId, courseId, status }, { user }) => {
    await setEnrollmentStatus(user, enrollmentId, status);
    revalidatePath(`/courses/${courseId}`);
    return { enrollmentId };
  },
);
