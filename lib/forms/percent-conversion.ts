import { z } from "zod";
import { conversionFormula, formulaMatches, parseConversionFormula } from "@/lib/results/gpa";
import { optionalNumber, requiredNumber, requiredText } from "./fields";

/**
 * A named CGPA → percentage conversion. The formula printed on the grade card is made from
 * the factor and offset when left blank; when written, it must compute the same.
 */
export const percentConversionSchema = z
  .object({
    id: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional()),
    name: requiredText("a name", 60),
    factor: requiredNumber("the factor").pipe(z.number().gt(0, { error: "More than 0, up to 20" }).max(20, { error: "More than 0, up to 20" })),
    offset: optionalNumber("the offset")
      .pipe(z.number().min(-100, { error: "−100 to 100" }).max(100, { error: "−100 to 100" }).nullable())
      .transform((v) => v ?? 0),
    formula: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(120, { error: "At most 120 characters" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.formula) return;
    const parsed = parseConversionFormula(v.formula);
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["formula"], message: parsed.message });
    else if (!formulaMatches(v.formula, v))
      ctx.addIssue({
        code: "custom",
        path: ["formula"],
        message: `This formula computes ${conversionFormula(parsed.rule).replace("Percentage = ", "")}, not ${conversionFormula(v).replace("Percentage = ", "")}. Change it, or leave it blank to print the factor and offset.`,
      });
  })
  .transform((v) => ({ ...v, formula: v.formula || conversionFormula(v) }));

export type PercentConversionFields = z.output<typeof percentConversionSchema>;
