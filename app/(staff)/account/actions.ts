"use server";

import { z } from "zod";
import { action, requiredText } from "@/lib/action";
import { passwordSchema } from "@/lib/auth/password-rules";
import { updateSession } from "@/lib/auth";
import { changeOwnPassword, updateProfile } from "@/db/queries/users";
import { revalidatePath } from "next/cache";

const passwordChange = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, { error: "Enter your current password" }).max(200, { error: "That is not your current password" }),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the new password" }).min(1, { error: "Repeat the new password" }),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });

export const changePasswordAction = action({ access: "account.self", schema: passwordChange }, async (input, { user }) => {
  const sv = await changeOwnPassword(user, input.currentPassword, input.newPassword);
  // Every other session is now void; keep this one by carrying the new version in its token.
  await updateSession({ sv });
  return null;
});

const profile = z.object({
  fullName: requiredText("your full name"),
  email: z.string({ error: "Enter your email" }).trim().min(1, { error: "Enter your email" }).pipe(z.email({ error: "Enter a valid email address" })),
});

export const updateProfileAction = action({ access: "account.self", schema: profile }, async (input, { user }) => {
  await updateProfile(user, user.id, input);
  revalidatePath("/", "layout");
  return null;
});
