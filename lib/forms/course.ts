import { z } from "zod";
import { idSchema, requiredId, requiredNumber, requiredText } from "./fields";

export const courseSchema = z.object({
  code: requiredText("a course code", 30),
  name: requiredText("a course name"),
  programId: requiredId("Choose a program"),
  termId: requiredId("Choose a term"),
  credits: requiredNumber("the credits").pipe(z.number().min(0, { error: "Cannot be negative" }).max(100)),
  teacherIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});

export const updateCourseSchema = courseSchema.extend({ id: idSchema });
