import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";

export const importInputSchema = z.object({
  kind: z.enum(["marks", "attendance", "candidates"], { error: "Choose what the file holds" }),
  fileName: z.string().trim().min(1, { error: "Choose a file" }).max(200),
  text: z.string().min(1, { error: "The file is empty" }).max(MAX_IMPORT_BYTES, { error: "The file is larger than 30 MB" }),
  // Sent as JSON text from a form; text that is not JSON is refused by the record check, not thrown.
  mapping: z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    },
    z.record(z.string(), z.string().max(200), { error: "Choose a column for each field" }),
  ),
  courseId: z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
});
