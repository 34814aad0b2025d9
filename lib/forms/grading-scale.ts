import { z } from "zod";
import { asList, idSchema, optionalNumber, requiredNumber, requiredText } from "./fields";

/** A grading scale; its bands arrive as parallel arrays (letter[], minPercent[], gradePoints[]), rows without a letter dropped. */
export const gradingScaleSchema = z.preprocess(
  (raw) => {
    const r = raw as Record<string, unknown>;
    const letters = asList(r.letter);
    return {
      id: r.id,
      name: r.name,
      bands: letters
        .map((letter, i) => ({ letter, minPercent: asList(r.minPercent)[i], gradePoints: asList(r.gradePoints)[i] }))
        .filter((b) => String(b.letter ?? "").trim() !== ""),
    };
  },
  z.object({
    id: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
    name: requiredText("a name for the scale", 60),
    bands: z
      .array(
        z.object({
          letter: z.string().trim().min(1).max(5, { error: "At most 5 characters" }),
          minPercent: requiredNumber("the minimum %").pipe(z.number().min(0, { error: "0 to 100" }).max(100, { error: "0 to 100" })),
          // The kit's decimal rule, as for every other figure: "1e1" or "0x0A" is not a grade point.
          gradePoints: optionalNumber("grade points as a number").pipe(z.number().min(0, { error: "0 to 100" }).max(100, { error: "0 to 100" }).nullable()),
        }),
      )
      .min(1, { error: "Add at least one band" }),
  }),
);
