import { z } from "zod";
import { ENROLMENT_STATUSES } from "@/lib/constants";
import { idSchema, optionalId } from "./fields";

/** Candidate numbers pasted in one box (any of space, comma, semicolon or newline between them). */
export const enrolSchema = z.object({
  courseId: idSchema,
  numbers: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : (v ?? [])),
    z.array(z.string().max(50)).max(5000, { error: "At most 5,000 at a time" }),
  ),
  programId: optionalId,
});

export const enrolmentStatusSchema = z.object({ enrolmentId: idSchema, courseId: idSchema, status: z.enum(ENROLMENT_STATUSES) });
