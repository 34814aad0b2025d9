"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { action, ActionError } from "@/lib/action";
import { signIn, TooManyAttempts } from "@/lib/auth";

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
  try {
    await signIn("credentials", { email: input.email, password: input.password, ip, redirectTo: safeCallback(input.callbackUrl) });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (e instanceof TooManyAttempts || code === "rate_limited") {
        throw new ActionError("Too many sign-in attempts. Wait 15 minutes and try again, or ask an admin to reset your password.", "rate_limited");
      }
      throw new ActionError("Invalid email or password.", "invalid");
    }
    throw e;
  }
  return null;
});
