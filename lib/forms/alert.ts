import { z } from "zod";
import { idSchema } from "./fields";

export const acknowledgeAlertSchema = z.object({
  id: idSchema,
  note: z
    .string()
    .trim()
    .max(1000, { error: "Use at most 1,000 characters" })
    .transform((v) => v || null),
});
