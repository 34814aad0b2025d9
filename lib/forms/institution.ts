import { z } from "zod";
import { idSchema, nullableText, optionalEmail, optionalPhone, requiredText } from "./fields";

export const institutionSchema = z.object({
  name: requiredText("the institution's name"),
  city: nullableText(100),
  state: nullableText(100),
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
});

export const updateInstitutionSchema = institutionSchema.extend({ id: idSchema });
