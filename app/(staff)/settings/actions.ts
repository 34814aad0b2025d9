"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { gradingScaleSchema, scalePresetSchema } from "@/lib/forms/grading-scale";
import { institutionSettingsSchema } from "@/lib/forms/settings";
import { clearThresholdsSchema, thresholdSchema } from "@/lib/forms/threshold";
import { clearProgramThresholds, saveThresholds } from "@/db/queries/thresholds";
import { createScaleFromPreset, saveScale } from "@/db/queries/grading-scales";
import { updateSettings } from "@/db/queries/settings";

export const saveInstitutionAction = action({ access: "settings.manage", schema: institutionSettingsSchema }, async (input, { user }) => {
  await updateSettings(user, { ...input, replyTo: input.replyTo ?? null });
  revalidatePath("/", "layout");
  return null;
});

export const saveScaleAction = action({ access: "settings.manage", schema: gradingScaleSchema }, async (input, { user }) => {
  const id = await saveScale(user, input);
  revalidatePath("/settings");
  return { id };
});

/** A new scale from a preset's bands; the screen then shows it to edit like the others. */
export const createScaleFromPresetAction = action({ access: "settings.manage", schema: scalePresetSchema }, async (input, { user }) => {
  const id = await createScaleFromPreset(user, input);
  revalidatePath("/settings");
  revalidatePath("/academics");
  return { id };
});

export const saveThresholdsAction = action({ access: "settings.manage", schema: thresholdSchema }, async ({ programId, ...t }, { user }) => {
  await saveThresholds(user, programId, t);
  revalidatePath("/settings");
  return null;
});

export const clearThresholdsAction = action({ access: "settings.manage", schema: clearThresholdsSchema }, async ({ programId }, { user }) => {
  await clearProgramThresholds(user, programId);
  revalidatePath("/settings");
  return null;
});
