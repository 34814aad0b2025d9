import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { can } from "@/lib/auth/permissions";
import { isPublicPath, permissionForPath } from "@/lib/auth/routes";
import { findSessionUser } from "@/db/queries/users";

// Turns people away early: anonymous visitors to sign-in, each role out of the others'
// segments. Pages, actions and queries check again; this is the first line, not the only one.
export default auth(async (req) => {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/r/")) {
    // A result page is personal: never cached, never indexed, and the token never leaks in a Referer.
    const res = NextResponse.next();
    res.headers.set("Cache-Control", "no-store, max-age=0");
    res.headers.set("Referrer-Policy", "no-referrer");
    res.headers.set("X-Robots-Tag", "noindex, nofollow");
    return res;
  }
  if (isPublicPath(pathname)) return NextResponse.next();

  const claims = req.auth?.uid ? { uid: req.auth.uid, sv: req.auth.sv ?? 0 } : null;
  const user = claims ? await findSessionUser(claims.uid, claims.sv) : null;
  const isApi = pathname.startsWith("/api/");

  if (!user) {
    if (isApi) return NextResponse.json({ ok: false, code: "unauthenticated", message: "Sign in first." }, { status: 401 });
    const url = new URL("/sign-in", req.url);
    if (pathname !== "/") url.searchParams.set("callbackUrl", pathname + search);
    if (claims) url.searchParams.set("reason", "signed-out");
    const res = NextResponse.redirect(url);
    // A session that no longer holds (deactivated, password changed) is dropped at once.
    if (claims) for (const c of req.cookies.getAll()) if (c.name.includes("authjs.session-token")) res.cookies.delete(c.name);
    return res;
  }

  const permission = permissionForPath(pathname);
  if (permission && !can(user.role, permission)) {
    if (isApi) return NextResponse.json({ ok: false, code: "forbidden", message: "You do not have permission to do that." }, { status: 403 });
    const url = new URL("/forbidden", req.url);
    url.searchParams.set("from", pathname);
    return NextResponse.rewrite(url, { status: 403 });
  }
  return NextResponse.next();
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp|css|js|map)$).*)"],
};
