import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";

export const importInputSchema = z.object({
  kind: z.enum(["marks", "attendance", "candidates"], { error: "Choose what the file holds" }),
  fileName: z.string().trim().min(1, { error: "Choose a file" }).max(200),
  text: z.string().min(1, { error: "The file is empty" }).max(MAX_IMPORT_BYTES, { error: "The file is larger than 30 MB" }),
  mapping: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.record(z.string(), z.string().max(200))),
  courseId: z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
});
