"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ATTENDANCE_STATUSES } from "@/lib/constants";
import { action, idSchema, optionalText } from "@/lib/action";
import { isoDate } from "@/lib/schemas";
import { createSession, deleteSession, saveRegister } from "@/db/queries/attendance";

export const createSessionAction = action(
  { access: "attendance.write", schema: z.object({ courseId: idSchema, heldOn: isoDate("the date"), topic: optionalText(200) }) },
  async ({ courseId, ...input }, { user }) => {
    const row = await createSession(user, courseId, input);
    revalidatePath(`/courses/${courseId}/attendance`);
    return { id: row.id };
  },
);

export const saveRegisterAction = action(
  {
    access: "attendance.write",
    schema: z.object({
      sessionId: idSchema,
      courseId: idSchema,
      entries: z
        .array(
          z.object({
            candidateId: idSchema,
            status: z.enum(ATTENDANCE_STATUSES),
            note: z.string().max(500).nullable().optional(),
            // What the form was loaded with: no version means "not recorded when I looked".
            expectedVersion: z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().nonnegative().nullable()),
            edited: z.boolean().optional(),
          }),
        )
        .max(5000),
    }),
  },
  async ({ sessionId, courseId, entries }, { user }) => {
    const r = await saveRegister(user, sessionId, entries);
    revalidatePath(`/courses/${courseId}/attendance`);
    return r;
  },
);

export const deleteSessionAction = action({ access: "attendance.write", schema: z.object({ sessionId: idSchema, courseId: idSchema }) }, async ({ sessionId, courseId }, { user }) => {
  await deleteSession(user, sessionId);
  revalidatePath(`/courses/${courseId}/attendance`);
  return { sessionId };
});
