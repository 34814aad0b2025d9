import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-rules";
import { requiredEmail, requiredText } from "./fields";

// The signed-out screens: sign-in, first-run setup, forgotten password, and setting a password
// from an invitation or reset link. (The password rules are server-only: the common-password
// list stays out of the browser.)

/** Not checked as an email: any wrong sign-in gets the same answer. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, { error: "Enter your email" }).max(320),
  password: z.string().min(1, { error: "Enter your password" }).max(200),
  callbackUrl: z.string().max(2000).optional(),
});

export const setupSchema = z
  .object({
    fullName: requiredText("your full name"),
    email: requiredEmail("your email"),
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the password" }).min(1, { error: "Repeat the password" }),
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });

export const forgotPasswordSchema = z.object({ email: requiredEmail("your email") });

export const setPasswordSchema = z
  .object({
    token: z.string().min(10).max(200),
    kind: z.enum(["invite", "reset"]),
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the password" }).min(1, { error: "Repeat the password" }),
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });
