"use server";

import { action } from "@/lib/action";
import { setPasswordSchema } from "@/lib/forms/auth";
import { TOKEN_LIMITS } from "@/lib/auth/limits";
import { setPasswordWithToken } from "@/db/queries/users";
import { requestIp, spendLimits } from "@/lib/auth/rate-limit";
import { hashToken } from "@/lib/auth/tokens";
import { signIn } from "@/lib/auth";

/** Accepting an invitation and completing a password reset: both set a password from a one-time link. */
export const setPasswordAction = action({ access: "public", schema: setPasswordSchema }, async (input) => {
  const ip = await requestIp();
  await spendLimits("Too many attempts.", [
    [`token:ip:${ip}`, TOKEN_LIMITS.ip],
    [`token:link:${hashToken(input.token).slice(0, 32)}`, TOKEN_LIMITS.token],
  ]);
  const user = await setPasswordWithToken(input.token, input.kind, input.password);
  await signIn("credentials", { email: user.email, password: input.password, ip, redirectTo: "/dashboard" });
  return null;
});
