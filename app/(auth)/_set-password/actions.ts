"use server";

import { z } from "zod";
import { action } from "@/lib/action";
import { passwordSchema } from "@/lib/auth/password-rules";
import { TOKEN_LIMITS } from "@/lib/auth/limits";
import { setPasswordWithToken } from "@/db/queries/users";
import { requestIp, spendLimits } from "@/lib/auth/rate-limit";
import { hashToken } from "@/lib/auth/tokens";
import { signIn } from "@/lib/auth";

const schema = z
  .object({
    token: z.string().min(10).max(200),
    kind: z.enum(["invite", "reset"]),
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the password" }).min(1, { error: "Repeat the password" }),
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], error: "The passwords do not match" });

/** Accepting an invitation and completing a password reset: both set a password from a one-time link. */
export const setPasswordAction = action({ access: "public", schema }, async (input) => {
  const ip = await requestIp();
  await spendLimits("Too many attempts.", [
    [`token:ip:${ip}`, TOKEN_LIMITS.ip],
    [`token:link:${hashToken(input.token).slice(0, 32)}`, TOKEN_LIMITS.token],
  ]);
  const user = await setPasswordWithToken(input.token, input.kind, input.password);
  await signIn("credentials", { email: user.email, password: input.password, ip, redirectTo: "/dashboard" });
  return null;
});
