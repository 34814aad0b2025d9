import { z } from "zod";
import { idSchema, optionalId, requiredNumber } from "./fields";

/** The at-risk thresholds, institution-wide (no program) or one program's own. */
export const thresholdSchema = z
  .object({
    programId: optionalId,
    passMark: requiredNumber("the pass mark").pipe(z.number().min(0).max(100)),
    atRiskMark: requiredNumber("the at-risk mark").pipe(z.number().min(0).max(100)),
    minAttendance: requiredNumber("the minimum attendance").pipe(z.number().min(0).max(100)),
    suddenDropPoints: requiredNumber("the drop in points").pipe(z.number().min(0).max(100)),
    missingCount: requiredNumber("the missing count").pipe(z.number().int({ error: "A whole number" }).min(1).max(100)),
  })
  .refine((t) => t.atRiskMark >= t.passMark, { path: ["atRiskMark"], error: "Must be at least the pass mark" });

/** A program goes back to the institution's thresholds. */
export const clearThresholdsSchema = z.object({ programId: idSchema });
