import { z } from "zod";
import { idSchema, optionalId, optionalNumber, requiredText } from "./fields";

export const programSchema = z.object({
  code: requiredText("a code", 30),
  name: requiredText("a name"),
  durationMonths: optionalNumber("the duration in months").pipe(z.number().int({ error: "Whole months" }).min(1).max(240).nullable()),
  gradingScaleId: optionalId,
});

export const updateProgramSchema = programSchema.extend({ id: idSchema });
