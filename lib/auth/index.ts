import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type {} from "next-auth/jwt";
import { z } from "zod";
import { env } from "@/lib/env";
import { findUserByEmail, normaliseEmail, recordSignIn } from "@/db/queries/users";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { SIGN_IN_LIMITS } from "./limits";

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

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200), ip: z.string().optional() });

function clientIp(request: Request | undefined): string {
  const fwd = request?.headers.get("x-forwarded-for");
  return fwd?.split(",")[0]?.trim() || request?.headers.get("x-real-ip") || "unknown";
}

export const { auth, signIn, signOut, unstable_update: updateSession } = NextAuth({
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
        const ip = parsed.data.ip ?? clientIp(request);
        const accountKey = `sign-in:account:${email}`;
        const ipKey = `sign-in:ip:${ip}`;
        // Counted per email whether or not the account exists, so the limit reveals nothing.
        const [a, i] = await Promise.all([peekRateLimit(accountKey, SIGN_IN_LIMITS.account), peekRateLimit(ipKey, SIGN_IN_LIMITS.ip)]);
        if (!a.allowed || !i.allowed) throw new TooManyAttempts();
        const user = await findUserByEmail(email);
        const ok = user?.passwordHash && user.active ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstNothing(parsed.data.password);
        if (!ok || !user) {
          await Promise.all([hitRateLimit(accountKey, SIGN_IN_LIMITS.account), hitRateLimit(ipKey, SIGN_IN_LIMITS.ip)]);
          throw new InvalidCredentials();
        }
        await Promise.all([clearRateLimit(accountKey), recordSignIn(user.id)]);
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
