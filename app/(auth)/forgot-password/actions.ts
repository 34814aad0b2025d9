"use server";

import { action } from "@/lib/action";
import { forgotPasswordSchema } from "@/lib/forms/auth";
import { env } from "@/lib/env";
import { RESET_LIMITS } from "@/lib/auth/limits";
import { requestIp, spendLimits } from "@/lib/auth/rate-limit";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { requestPasswordReset } from "@/db/queries/users";
import { branding, sendEmail } from "@/lib/email";
import { personalLinkUrl } from "@/lib/email/personal-link";

/** Always answers the same way, whether or not the email has an account. */
export const forgotPasswordAction = action({ access: "public", schema: forgotPasswordSchema }, async ({ email }) => {
  await spendLimits("Too many requests from this address.", [[`reset:ip:${await requestIp()}`, RESET_LIMITS.ip]]);
  // Per address asked for: over the limit, the answer is the same but no email goes out,
  // so the limit reveals nothing about which addresses have accounts.
  if ((await hitRateLimit(`reset:account:${email.toLowerCase()}`, RESET_LIMITS.account)).allowed) {
    const issued = await requestPasswordReset(email);
    if (issued) {
      await sendEmail(
        "password-reset",
        { branding: await branding(), name: issued.fullName, link: personalLinkUrl(env.APP_URL, "reset-password"), expiresHours: 24 },
        { to: issued.email, userId: issued.id, userTokenId: issued.emailTokenId },
      );
    }
  }
  return null;
});
