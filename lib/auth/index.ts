import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type {} from "next-auth/jwt";
import { z } from "zod";
import { env } from "@/lib/env";
import { findUserByEmail, normaliseEmail, recordSignIn } from "@/db/queries/users";
import { trustedClientAddress } from "@/lib/client-address.mjs";
import { clearRateLimit, giveBackRateLimit, hitRateLimit } from "@/db/queries/rate-limits";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { signInLimits } from "./limits";

declare module "next-auth" {
  interface User {
    sv?: number;
  }
  interface Session {
    uid?: number;
    sv?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
  }
}

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Auth.js hands authorize() a copy of the incoming request's headers: the address Markbook's server set. */
function clientIp(request: Request | undefined): string {
  return request ? trustedClientAddress(request.headers, env.MARKBOOK_SERVER_MARK) : "unknown";
}

export const {
  auth,
  signIn,
  signOut,
  unstable_update: updateSession,
} = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  // A refused sign-in is expected traffic, not a server error: keep it out of the error log.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  session: { strategy: "jwt", maxAge: env.SESSION_IDLE_MINUTES * 60, updateAge: 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const email = normaliseEmail(parsed.data.email);
        const limits = signInLimits(email, clientIp(request));
        const [accountKey, ipKey] = limits.map(([key]) => key);
        // Counted before the password is looked at, each counter in one atomic upsert: of any
        // number of attempts at once, only those within the limit reach a verification. Counted
        // per email whether or not the account exists, so the limit reveals nothing.
        const states = await Promise.all(limits.map(([key, limit]) => hitRateLimit(key, limit)));
        if (states.some((s) => !s.allowed)) {
          // Refused unchecked: it costs no try, so the counters keep only real failures.
          await Promise.all(limits.map(([key]) => giveBackRateLimit(key)));
          throw new TooManyAttempts();
        }
        const user = await findUserByEmail(email);
        const ok =
          user?.passwordHash && user.active ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstNothing(parsed.data.password);
        if (!ok || !user) throw new InvalidCredentials();
        // A success is no abuse: the account starts afresh, and the address gets its try back
        // (a whole school behind one NAT address signs in all morning).
        await Promise.all([clearRateLimit(accountKey), giveBackRateLimit(ipKey), recordSignIn(user.id)]);
        return { id: String(user.id), name: user.fullName, email: user.email, sv: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sv ?? 0;
      }
      // Only the server calls update (there is no public session endpoint): it passes the
      // new session version after the user changed their own password.
      if (trigger === "update" && session && typeof (session as { sv?: unknown }).sv === "number") {
        token.sv = (session as { sv: number }).sv;
      }
      return token;
    },
    async session({ session, token }) {
      session.uid = token.uid;
      session.sv = token.sv;
      return session;
    },
  },
});
