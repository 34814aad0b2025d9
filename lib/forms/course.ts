import { z } from "zod";
import { idSchema, optionalNumber, requiredId, requiredNumber, requiredText } from "./fields";

export const courseSchema = z.object({
  code: requiredText("a course code", 30),
  name: requiredText("a course name"),
  programId: requiredId("Choose a program"),
  termId: requiredId("Choose a term"),
  credits: requiredNumber("the credits").pipe(z.number().min(0, { error: "Cannot be negative" }).max(100)),
  /** Blank: the program's minimum. */
  minAttendance: optionalNumber("a percentage, or leave it blank").pipe(
    z.number().min(0, { error: "Between 0 and 100 %" }).max(100, { error: "Between 0 and 100 %" }).nullable(),
  ),
  teacherIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});

export const updateCourseSchema = courseSchema.extend({ id: idSchema });
