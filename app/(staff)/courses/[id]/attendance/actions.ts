"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { createSessionSchema, saveRegisterSchema, sessionRefSchema } from "@/lib/forms/attendance";
import { createSession, deleteSession, saveRegister } from "@/db/queries/attendance";

export const createSessionAction = action({ access: "attendance.write", schema: createSessionSchema }, async ({ courseId, ...input }, { user }) => {
  const row = await createSession(user, courseId, input);
  revalidatePath(`/courses/${courseId}/attendance`);
  return { id: row.id };
});

export const saveRegisterAction = action({ access: "attendance.write", schema: saveRegisterSchema }, async ({ sessionId, courseId, entries }, { user }) => {
  const r = await saveRegister(user, sessionId, entries);
  revalidatePath(`/courses/${courseId}/attendance`);
  return r;
});

export const deleteSessionAction = action({ access: "attendance.write", schema: sessionRefSchema }, async ({ sessionId, courseId }, { user }) => {
  await deleteSession(user, sessionId);
  revalidatePath(`/courses/${courseId}/attendance`);
  return { sessionId };
});
