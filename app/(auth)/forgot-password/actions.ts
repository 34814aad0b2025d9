"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { action, ActionError } from "@/lib/action";
import { env } from "@/lib/env";
import { SIGN_IN_LIMITS } from "@/lib/auth/limits";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { requestPasswordReset } from "@/db/queries/users";
import { branding, sendEmail } from "@/lib/email";

/** Always answers the same way, whether or not the email has an account. */
export const forgotPasswordAction = action(
  { access: "public", schema: z.object({ email: z.string({ error: "Enter your email" }).trim().min(1, { error: "Enter your email" }).pipe(z.email({ error: "Enter a valid email address" })) }) },
  async ({ email }) => {
    const h = await headers();
    const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
    const [byIp, byAccount] = await Promise.all([
      hitRateLimit(`reset:ip:${ip}`, SIGN_IN_LIMITS.ip),
      hitRateLimit(`reset:account:${email.toLowerCase()}`, { limit: 3, windowMs: 60 * 60_000 }),
    ]);
    if (!byIp.allowed) throw new ActionError("Too many requests. Try again later.", "rate_limited");
    if (byAccount.allowed) {
      const issued = await requestPasswordReset(email);
      if (issued) {
        await sendEmail("password-reset", { branding: await branding(), name: issued.fullName, link: `${env.APP_URL}/reset-password/${issued.token}`, expiresHours: 24 }, { to: issued.email, userId: issued.id });
      }
    }
    return null;
  },
);
