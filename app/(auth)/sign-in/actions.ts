"use server";

import { AuthError } from "next-auth";
import { action, ActionError } from "@/lib/action";
import { signInSchema } from "@/lib/forms/auth";
import { signIn, TooManyAttempts } from "@/lib/auth";
import { signInLimits } from "@/lib/auth/limits";
import { checkLimits, requestIp } from "@/lib/auth/rate-limit";
import { normaliseEmail } from "@/db/queries/users";

/** Only same-site paths: an open redirect after sign-in is a phishing aid. */
function safeCallback(url: string | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/dashboard";
  return url;
}

export const signInAction = action({ access: "public", schema: signInSchema }, async (input) => {
  const what = "Too many sign-in attempts. Ask an admin to reset your password if you have forgotten it.";
  const limits = signInLimits(normaliseEmail(input.email), await requestIp());
  // A quick refusal when a limit is already used up. The check that holds under parallel
  // attempts is authorize()'s, which counts each attempt before verifying its password.
  await checkLimits(what, limits);
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallback(input.callbackUrl) });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (e instanceof TooManyAttempts || code === "rate_limited") {
        // For the wait in words: the counters say how long.
        await checkLimits(what, limits);
        throw new ActionError(`${what} Try again later.`, "rate_limited");
      }
      throw new ActionError("Invalid email or password.", "invalid");
    }
    throw e;
  }
  return null;
});
