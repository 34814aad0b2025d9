import { z } from "zod";
import { DAY_RULES } from "@/lib/constants";
import { idSchema, optionalId, requiredNumber } from "./fields";

const dayRule = (label: string) => z.enum(DAY_RULES, { error: `Choose how ${label} count` });

/**
 * The at-risk thresholds and the attendance eligibility policy, institution-wide (no program)
 * or one program's own: the minimum attendance, the condonation band's lower bound, how many
 * condonations a candidate may have, and how on-duty and medical days count.
 */
export const thresholdSchema = z
  .object({
    programId: optionalId,
    passMark: requiredNumber("the pass mark").pipe(z.number().min(0).max(100)),
    atRiskMark: requiredNumber("the at-risk mark").pipe(z.number().min(0).max(100)),
    minAttendance: requiredNumber("the minimum attendance").pipe(z.number().min(0).max(100)),
    suddenDropPoints: requiredNumber("the drop in points").pipe(z.number().min(0).max(100)),
    missingCount: requiredNumber("the missing count").pipe(z.number().int({ error: "A whole number" }).min(1).max(100)),
    condonableFrom: requiredNumber("where condonation starts").pipe(z.number().min(0).max(100)),
    maxCondonations: requiredNumber("the number of condonations").pipe(
      z.number().int({ error: "A whole number" }).min(0, { error: "0 or more" }).max(100, { error: "At most 100" }),
    ),
    onDutyCounts: dayRule("on-duty days"),
    medicalCounts: dayRule("medical days"),
  })
  .refine((t) => t.atRiskMark >= t.passMark, { path: ["atRiskMark"], error: "Must be at least the pass mark" })
  .refine((t) => t.condonableFrom <= t.minAttendance, { path: ["condonableFrom"], error: "Must be at most the minimum attendance" });

/** A program goes back to the institution's thresholds. */
export const clearThresholdsSchema = z.object({ programId: idSchema });
