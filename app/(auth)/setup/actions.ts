"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { action, requiredText } from "@/lib/action";
import { passwordSchema } from "@/lib/auth/password";
import { createFirstAdmin } from "@/db/queries/users";
import { signIn } from "@/lib/auth";

const schema = z
  .object({
    fullName: requiredText("your full name"),
    email: z.string({ error: "Enter your email" }).trim().min(1, { error: "Enter your email" }).pipe(z.email({ error: "Enter a valid email address" })),
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the password" }).min(1, { error: "Repeat the password" }),
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });

export const setupAction = action({ access: "public", schema }, async (input) => {
  const user = await createFirstAdmin(input);
  await signIn("credentials", { email: user.email, password: input.password, redirectTo: "/dashboard" });
  redirect("/dashboard");
});
