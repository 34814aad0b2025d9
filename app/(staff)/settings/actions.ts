"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, idSchema, optionalText, requiredText } from "@/lib/action";
import { optionalId, requiredNumber } from "@/lib/schemas";
import { clearProgramThresholds, saveScale, saveThresholds } from "@/db/queries/academics";
import { updateSettings } from "@/db/queries/settings";

export const saveInstitutionAction = action(
  {
    access: "settings.manage",
    schema: z.object({
      name: requiredText("the institution's name"),
      shortName: requiredText("a short name", 40),
      brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "Use a colour like #4f46e5" }),
      replyTo: optionalText(320).pipe(z.email({ error: "Enter a valid email address" }).optional()),
      resultLinkDays: requiredNumber("the number of days").pipe(z.number().int().min(1, { error: "At least 1 day" }).max(365, { error: "At most 365 days" })),
      alertTaskForAdvisor: checkbox,
      alertTaskForCounsellorOnAttendance: checkbox,
      alertCounsellorId: optionalId,
    }),
  },
  async (input, { user }) => {
    await updateSettings(user, { ...input, replyTo: input.replyTo ?? null });
    revalidatePath("/", "layout");
    return null;
  },
);

const arr = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const saveScaleAction = action(
  {
    access: "settings.manage",
    schema: z.preprocess(
      (raw) => {
        const r = raw as Record<string, unknown>;
        const letters = arr(r.letter);
        return {
          id: r.id,
          name: r.name,
          bands: letters.map((letter, i) => ({ letter, minPercent: arr(r.minPercent)[i], gradePoints: arr(r.gradePoints)[i] })).filter((b) => String(b.letter ?? "").trim() !== ""),
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
              gradePoints: z.preprocess((v) => (v === "" || v === undefined ? null : Number(v)), z.number().min(0).max(100).nullable()),
            }),
          )
          .min(1, { error: "Add at least one band" }),
      }),
    ),
  },
  async (input, { user }) => {
    const id = await saveScale(user, input);
    revalidatePath("/settings");
    return { id };
  },
);

const thresholdSchema = z
  .object({
    programId: optionalId,
    passMark: requiredNumber("the pass mark").pipe(z.number().min(0).max(100)),
    atRiskMark: requiredNumber("the at-risk mark").pipe(z.number().min(0).max(100)),
    minAttendance: requiredNumber("the minimum attendance").pipe(z.number().min(0).max(100)),
    suddenDropPoints: requiredNumber("the drop in points").pipe(z.number().min(0).max(100)),
    missingCount: requiredNumber("the missing count").pipe(z.number().int({ error: "A whole number" }).min(1).max(100)),
  })
  .refine((t) => t.atRiskMark >= t.passMark, { path: ["atRiskMark"], error: "Must be at least the pass mark" });

export const saveThresholdsAction = action({ access: "settings.manage", schema: thresholdSchema }, async ({ programId, ...t }, { user }) => {
  await saveThresholds(user, programId, t);
  revalidatePath("/settings");
  return null;
});

export const clearThresholdsAction = action({ access: "settings.manage", schema: z.object({ programId: idSchema }) }, async ({ programId }, { user }) => {
  await clearProgramThresholds(user, programId);
  revalidatePath("/settings");
  return null;
});
