import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-rules";
import { requiredEmail, requiredText } from "./fields";

// A signed-in person's own account. (The password rules are server-only.)

export const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .min(1, { error: "Enter your current password" })
      .max(200, { error: "That is not your current password" }),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the new password" }).min(1, { error: "Repeat the new password" }),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });

export const profileSchema = z.object({
  fullName: requiredText("your full name"),
  email: requiredEmail("your email"),
});
