import { route } from "@/lib/route";
import { importInputSchema } from "@/lib/forms/import";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/import/limits";
import { previewImport } from "@/db/queries/imports";

/** The import preview over HTTP (the screen uses the server action): counts and the first errors. */
export const POST = route({ access: "imports.run", schema: importInputSchema, maxBodyBytes: MAX_IMPORT_BODY_BYTES }, async (input, { user }) => {
  const plan = await previewImport(user, input.kind, input.text, input.mapping, { courseId: input.courseId });
  return { counts: plan.counts, fileErrors: plan.fileErrors, errors: plan.rows.filter((r) => r.action === "error").slice(0, 100) };
});
