import { z } from "zod";
import { GRADE_CARD_VARIANTS } from "@/lib/constants";
import { ROUNDING_METHODS } from "@/lib/results/round";
import { idSchema, optionalId, optionalNumber, requiredNumber, requiredText } from "./fields";

// Missing (an older client, a script) keeps the default; a blank or wrong value is an error.
const orDefault = <T extends z.ZodType>(fallback: string, schema: T) => z.preprocess((v) => (v === undefined ? fallback : v), schema);

export const programSchema = z.object({
  code: requiredText("a code", 30),
  name: requiredText("a name"),
  durationMonths: optionalNumber("the duration in months").pipe(z.number().int({ error: "Whole months" }).min(1).max(240).nullable()),
  gradingScaleId: optionalId,
  // The GPA policy (issue 14).
  gpaPlaces: orDefault(
    "2",
    requiredNumber("the decimal places (0 to 4)").pipe(
      z
        .number()
        .int({ error: "A whole number of places, 0 to 4" })
        .min(0, { error: "A whole number of places, 0 to 4" })
        .max(4, { error: "A whole number of places, 0 to 4" }),
    ),
  ),
  gpaRounding: orDefault("half-up", z.enum(ROUNDING_METHODS, { error: "Choose how SGPA and CGPA are rounded" })),
  percentConversionId: optionalId,
  gradeCard: orDefault("college", z.enum(GRADE_CARD_VARIANTS, { error: "Choose the grade card: college or school" })),
});

export const updateProgramSchema = programSchema.extend({ id: idSchema });
export type ProgramFields = z.output<typeof programSchema>;
