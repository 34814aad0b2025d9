"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { idOnly } from "@/lib/forms/fields";
import { importInputSchema } from "@/lib/forms/import";
import { previewImport, undoImport } from "@/db/queries/imports";

/** Checks every row and says what would happen; writes nothing. */
export const previewImportAction = action({ access: "imports.run", schema: importInputSchema }, async (input, { user }) => {
  const plan = await previewImport(user, input.kind, input.text, input.mapping, { courseId: input.courseId });
  // Errors first, then a sample of the rest: a 100,000-row preview stays light.
  const errors = plan.rows.filter((r) => r.action === "error").slice(0, 1000);
  const sample = plan.rows.filter((r) => r.action !== "error").slice(0, 200);
  return { counts: plan.counts, fileErrors: plan.fileErrors, errors, sample };
});

export const undoImportAction = action({ access: "imports.run", schema: idOnly }, async ({ id }, { user }) => {
  const r = await undoImport(user, id);
  revalidatePath("/imports");
  return r;
});
