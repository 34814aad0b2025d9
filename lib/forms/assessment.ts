import { z } from "zod";
import { ASSESSMENT_KINDS } from "@/lib/constants";
import { checkbox, idSchema, optionalDate, requiredNumber, requiredText } from "./fields";

export const assessmentSchema = z.object({
  courseId: idSchema,
  name: requiredText("a name", 120),
  kind: z.enum(ASSESSMENT_KINDS, { error: "Choose a kind" }),
  maxScore: requiredNumber("the maximum score").pipe(z.number().gt(0, { error: "Must be above 0" }).max(100000)),
  weight: requiredNumber("the weight").pipe(z.number().min(0, { error: "Cannot be negative" }).max(100000)),
  dueOn: optionalDate("the due date"),
  published: checkbox,
  // Released to parents (the result page and emails), or held; a form without the field releases.
  released: z
    .enum(["released", "held"], { error: "Choose released or held" })
    .default("released")
    .transform((v) => v === "released"),
});

export const updateAssessmentSchema = assessmentSchema.extend({ id: idSchema });

/** One assessment of a course (remove, restore). */
export const assessmentRefSchema = z.object({ id: idSchema, courseId: idSchema });
