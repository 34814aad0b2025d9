import { z } from "zod";
import { AGGREGATIONS, PARTS, type Scheme } from "@/lib/results/scheme";
import { ROUNDING_METHODS } from "@/lib/results/round";
import { expectedVersion, idSchema } from "./fields";

// A course's assessment scheme as the editor sends it (JSON in one field) and the action
// parses it. Shape only: validateScheme (lib/results) says whether the figures make sense.

const finiteNumber = (label: string) => z.number({ error: `Enter ${label}` }).refine(Number.isFinite, { error: `Enter ${label}` });
const count = (label: string) => z.number({ error: `Enter ${label}` }).int({ error: `${label} must be a whole number` });

export const schemeComponentSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, { error: "Every component needs a key" })
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Keys are lower-case letters, digits and dashes" }),
  name: z.string().trim().min(1, { error: "Every component needs a name" }).max(80),
  part: z.enum(PARTS),
  source: z.enum(["assessments", "attendance"]),
  aggregation: z.enum(AGGREGATIONS),
  best: count("best of").nullable(),
  dropLowest: count("drop lowest"),
  dropHighest: count("drop highest"),
  max: finiteNumber("a maximum"),
  bands: z
    .array(z.object({ min: finiteNumber("a lower bound"), marks: finiteNumber("the marks") }))
    .max(20)
    .optional(),
});

export const schemeSchema: z.ZodType<Scheme> = z.object({
  components: z.array(schemeComponentSchema).min(1, { error: "Add at least one component" }).max(12),
  rounding: z.object({ at: z.enum(["component", "total"]), method: z.enum(ROUNDING_METHODS), places: count("places") }),
  pass: z.object({
    internalMin: finiteNumber("the internal minimum").nullable(),
    externalMin: finiteNumber("the external minimum").nullable(),
    totalMin: finiteNumber("the total minimum").nullable(),
  }),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date (YYYY-MM-DD)" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: "Enter a real date" });

const json = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  }, inner);

export const schemeInputSchema = z.object({
  courseId: idSchema,
  scheme: json(schemeSchema),
  effectiveFrom: isoDate,
  presetId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().max(60).nullable()),
  assignments: json(
    z.array(z.object({ assessmentId: z.number().int().positive(), componentKey: z.string().max(40), neverDrop: z.boolean() })).max(500),
  ).default([]),
  /** The version the editor started from (null: the default scheme), so a stale tab cannot overwrite. */
  basedOn: expectedVersion,
});

export type SchemeInput = z.infer<typeof schemeInputSchema>;
