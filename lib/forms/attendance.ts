import { z } from "zod";
import { ATTENDANCE_STATUSES } from "@/lib/constants";
import { expectedVersion, idSchema, isoDate, optionalText } from "./fields";

export const createSessionSchema = z.object({ courseId: idSchema, heldOn: isoDate("the date"), topic: optionalText(200) });

export const saveRegisterSchema = z.object({
  sessionId: idSchema,
  courseId: idSchema,
  entries: z
    .array(
      z.object({
        candidateId: idSchema,
        status: z.enum(ATTENDANCE_STATUSES),
        note: z.string().max(500).nullable().optional(),
        // What the form was loaded with: no version means "not recorded when I looked".
        expectedVersion,
        edited: z.boolean().optional(),
      }),
    )
    .max(5000),
});

/** One session of a course's register (delete). */
export const sessionRefSchema = z.object({ sessionId: idSchema, courseId: idSchema });
