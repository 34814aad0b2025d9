import { NextResponse, type NextRequest } from "next/server";
import { readSessionToken, refreshSessionToken, SESSION_COOKIES, sessionMaxAge, type SessionToken } from "@/lib/auth/jwt";
import { can } from "@/lib/auth/permissions";
import { isPublicPath, permissionForPath } from "@/lib/auth/routes";
import { findSessionUser } from "@/db/queries/users";
import { env } from "@/lib/env";

const isDev = env.NODE_ENV === "development";

/**
 * A fresh nonce per request: only scripts Next renders with it may run. Styles keep
 * 'unsafe-inline' because charts and positioned grid cells set style attributes.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The request carries the nonce to Next's renderer; the response carries the policy. */
function next(req: NextRequest, csp: string, nonce: string) {
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

/** The session cookie, decoded (cached per token). */
async function session(req: NextRequest): Promise<{ name: string; token: SessionToken } | null> {
  for (const name of SESSION_COOKIES) {
    const value = req.cookies.get(name)?.value;
    if (!value) continue;
    const token = await readSessionToken(name, value);
    if (token) return { name, token };
  }
  return null;
}

// Re-issue the cookie at most this often: each re-issue moves the idle deadline forward.
const REFRESH_AFTER_S = 60;

// Turns people away early: anonymous visitors to sign-in, each role out of the others'
// segments. Pages, actions and queries check again; this is the first line, not the only one.
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);

  if (pathname.startsWith("/r/")) {
    // A result page is personal: never cached, never indexed, and the token never leaks in a Referer.
    const res = next(req, csp, nonce);
    res.headers.set("Cache-Control", "no-store, max-age=0");
    res.headers.set("Referrer-Policy", "no-referrer");
    res.headers.set("X-Robots-Tag", "noindex, nofollow");
    return res;
  }
  if (isPublicPath(pathname)) return next(req, csp, nonce);

  const s = await session(req);
  const claims = s ? { uid: s.token.uid, sv: s.token.sv } : null;
  const user = claims ? await findSessionUser(claims.uid, claims.sv) : null;
  const isApi = pathname.startsWith("/api/");

  if (!user) {
    if (isApi) return NextResponse.json({ ok: false, code: "unauthenticated", message: "Sign in first." }, { status: 401 });
    const url = new URL("/sign-in", req.url);
    if (pathname !== "/") url.searchParams.set("callbackUrl", pathname + search);
    if (claims) url.searchParams.set("reason", "signed-out");
    const res = NextResponse.redirect(url);
    // A session that no longer holds (deactivated, password changed) is dropped at once.
    for (const c of req.cookies.getAll()) if (c.name.includes("authjs.session-token")) res.cookies.delete(c.name);
    return res;
  }

  const permission = permissionForPath(pathname);
  if (permission && !can(user.role, permission)) {
    if (isApi) return NextResponse.json({ ok: false, code: "forbidden", message: "You do not have permission to do that." }, { status: 403 });
    const url = new URL("/forbidden", req.url);
    url.searchParams.set("from", pathname);
    const res = NextResponse.rewrite(url, { status: 403 });
    res.headers.set("Content-Security-Policy", csp);
    return res;
  }
  const res = next(req, csp, nonce);
  // Sliding expiry: a session ends after SESSION_IDLE_MINUTES without a request.
  if (s && Date.now() / 1000 - s.token.iat > REFRESH_AFTER_S) {
    res.cookies.set(s.name, await refreshSessionToken(s.name, s.token), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: s.name.startsWith("__Secure-"),
      maxAge: sessionMaxAge(),
    });
  }
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp|css|js|map)$).*)"],
};
