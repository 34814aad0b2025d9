"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { assessmentRefSchema, assessmentSchema, updateAssessmentSchema } from "@/lib/forms/assessment";
import { enrolmentStatusSchema, enrolSchema } from "@/lib/forms/enrolment";
import { createAssessment, deleteOrArchiveAssessment, restoreAssessment, updateAssessment } from "@/db/queries/assessments";
import { enrolMany, setEnrolmentStatus } from "@/db/queries/candidates";

export const createAssessmentAction = action({ access: "assessments.manage", schema: assessmentSchema }, async ({ courseId, ...input }, { user }) => {
  const row = await createAssessment(user, courseId, input);
  revalidatePath(`/courses/${courseId}`);
  return { id: row.id };
});

export const updateAssessmentAction = action({ access: "assessments.manage", schema: updateAssessmentSchema }, async ({ id, courseId, ...input }, { user }) => {
  await updateAssessment(user, id, input);
  revalidatePath(`/courses/${courseId}`);
  return { id };
});

export const removeAssessmentAction = action({ access: "assessments.manage", schema: assessmentRefSchema }, async ({ id, courseId }, { user }) => {
  const outcome = await deleteOrArchiveAssessment(user, id);
  revalidatePath(`/courses/${courseId}`);
  return { outcome };
});

export const restoreAssessmentAction = action({ access: "assessments.manage", schema: assessmentRefSchema }, async ({ id, courseId }, { user }) => {
  await restoreAssessment(user, id);
  revalidatePath(`/courses/${courseId}`);
  return { id };
});

export const enrolAction = action({ access: "enrolments.manage", schema: enrolSchema }, async ({ courseId, numbers, programId }, { user }) => {
  const r = await enrolMany(user, courseId, { numbers, programId });
  revalidatePath(`/courses/${courseId}`);
  return r;
});

export const setEnrolmentStatusAction = action(
  { access: "enrolments.manage", schema: enrolmentStatusSchema },
  async ({ enrolmentId, courseId, status }, { user }) => {
    await setEnrolmentStatus(user, enrolmentId, status);
    revalidatePath(`/courses/${courseId}`);
    return { enrolmentId };
  },
);
