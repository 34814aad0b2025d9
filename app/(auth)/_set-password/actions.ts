"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { action, ActionError } from "@/lib/action";
import { passwordSchema } from "@/lib/auth/password-rules";
import { TOKEN_LIMITS } from "@/lib/auth/limits";
import { setPasswordWithToken } from "@/db/queries/users";
import { hitRateLimit } from "@/db/queries/rate-limits";
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
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const limit = await hitRateLimit(`token:ip:${ip}`, TOKEN_LIMITS.ip);
  if (!limit.allowed) throw new ActionError(`Too many attempts. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`, "rate_limited");
  const user = await setPasswordWithToken(input.token, input.kind, input.password);
  await signIn("credentials", { email: user.email, password: input.password, ip, redirectTo: "/dashboard" });
  return null;
});
