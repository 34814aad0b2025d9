"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { action, ActionError } from "@/lib/action";
import { signIn, TooManyAttempts } from "@/lib/auth";
import { SIGN_IN_LIMITS } from "@/lib/auth/limits";
import { peekRateLimit } from "@/db/queries/rate-limits";
import { normaliseEmail } from "@/db/queries/users";

const schema = z.object({
  email: z.string().trim().min(1, { error: "Enter your email" }).max(320),
  password: z.string().min(1, { error: "Enter your password" }).max(200),
  callbackUrl: z.string().optional(),
});

/** Only same-site paths: an open redirect after sign-in is a phishing aid. */
function safeCallback(url: string | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/dashboard";
  return url;
}

export const signInAction = action({ access: "public", schema }, async (input) => {
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
  const tooMany = new ActionError("Too many sign-in attempts. Wait 15 minutes and try again, or ask an admin to reset your password.", "rate_limited");
  // Checked here as well as in authorize(): Auth.js may wrap the error thrown there.
  const [a, i] = await Promise.all([
    peekRateLimit(`sign-in:account:${normaliseEmail(input.email)}`, SIGN_IN_LIMITS.account),
    peekRateLimit(`sign-in:ip:${ip}`, SIGN_IN_LIMITS.ip),
  ]);
  if (!a.allowed || !i.allowed) throw tooMany;
  try {
    await signIn("credentials", { email: input.email, password: input.password, ip, redirectTo: safeCallback(input.callbackUrl) });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (e instanceof TooManyAttempts || code === "rate_limited") {
        throw tooMany;
      }
      throw new ActionError("Invalid email or password.", "invalid");
    }
    throw e;
  }
  return null;
});
