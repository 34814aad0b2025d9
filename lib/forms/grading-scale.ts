import { z } from "zod";
import { SCALE_PRESET_IDS } from "@/lib/results/scale-presets";
import { asList, idSchema, optionalNumber, requiredNumber, requiredText } from "./fields";

/**
 * A grading scale; its bands arrive as parallel arrays (letter[], minPercent[], gradePoints[]).
 * Every row the form shows is a band, so an error names the row it belongs beside
 * (`bands.<i>.<field>`); a row left entirely empty is dropped only when it is the last.
 */
export const gradingScaleSchema = z.preprocess(
  (raw) => {
    const r = raw as Record<string, unknown>;
    const [letters, mins, points] = [asList(r.letter), asList(r.minPercent), asList(r.gradePoints)];
    const rows = Array.from({ length: Math.max(letters.length, mins.length, points.length) }, (_, i) => ({
      letter: letters[i] ?? "",
      minPercent: mins[i] ?? "",
      gradePoints: points[i] ?? "",
    }));
    while (rows.length && [rows.at(-1)!.letter, rows.at(-1)!.minPercent, rows.at(-1)!.gradePoints].every((v) => String(v ?? "").trim() === "")) rows.pop();
    return { id: r.id, name: r.name, bands: rows };
  },
  z.object({
    id: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
    name: requiredText("a name for the scale", 60),
    bands: z
      .array(
        z.object({
          letter: z.string().trim().min(1, { error: "Enter a letter" }).max(5, { error: "At most 5 characters" }),
          minPercent: requiredNumber("the minimum %").pipe(z.number().min(0, { error: "0 to 100" }).max(100, { error: "0 to 100" })),
          // The kit's decimal rule, as for every other figure: "1e1" or "0x0A" is not a grade point.
          gradePoints: optionalNumber("grade points as a number").pipe(z.number().min(0, { error: "0 to 100" }).max(100, { error: "0 to 100" }).nullable()),
        }),
      )
      .min(1, { error: "Add at least one band" }),
  }),
);

/** A new scale made from a preset's bands (then edited like any other). */
export const scalePresetSchema = z.object({
  preset: z.enum(SCALE_PRESET_IDS, { error: "Choose a preset" }),
  name: requiredText("a name for the scale", 60),
});
