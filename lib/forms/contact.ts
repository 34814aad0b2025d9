import { z } from "zod";
import { idSchema, nullableText, optionalEmail, optionalId, optionalPhone, requiredText } from "./fields";

export const contactSchema = z.object({
  fullName: requiredText("the contact's name"),
  role: nullableText(100),
  email: optionalEmail,
  phone: optionalPhone,
  institutionId: optionalId,
});

export const updateContactSchema = contactSchema.extend({ id: idSchema });
