import "server-only";
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/actor";
import { fieldErrorsOf, toFailure, type Access, type ActionResult, type ErrorCode } from "./action";
import { limitBody } from "./body-limit";

/** Route handlers' access: the action wrapper's, plus "cron" (a bearer secret for schedulers). */
export type RouteAccess = Access | "cron";

export type RouteMeta = { access: RouteAccess; schema: z.ZodType };

type Ctx<A extends RouteAccess> = { user: A extends "public" | "cron" ? Actor | null : Actor; request: Request };

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  error: 500,
};

function fail(result: Extract<ActionResult, { ok: false }>): Response {
  const retryAfter = (result.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  const headers: HeadersInit = result.code === "rate_limited" && retryAfter ? { "Retry-After": String(retryAfter) } : {};
  return NextResponse.json(result, { status: STATUS[result.code], headers });
}

function bearerMatches(request: Request, secret: string | undefined): boolean {
  if (!secret) return false;
  const given = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Data-changing requests come only from our own pages, as Next already demands of server
 * actions (CSRF): refused when the browser says the request is cross-site, or when it names
 * a foreign Origin. Ours is APP_URL's origin, or the site the request's Host names, which a
 * page on another site cannot set; X-Forwarded-Host is not consulted, as any client can send it.
 */
function fromAnotherSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (origin === new URL(env.APP_URL).origin) return false;
  try {
    return new URL(origin).host !== request.headers.get("host")?.toLowerCase();
  } catch {
    // "null" (a sandboxed frame, a privacy redirect) or garbage: not ours.
    return true;
  }
}

/**
 * The route-handler twin of `action()`: the same access check, the same zod parsing (query
 * string, route params and JSON or form body merged) and the same result type, as JSON with
 * a fitting status. A handler may return a Response of its own (a CSV, a page).
 */
export function route<S extends z.ZodType, T, A extends RouteAccess>(
  opts: { access: A; schema: S; maxBodyBytes?: number },
  handler: (input: z.output<S>, ctx: Ctx<A>) => Promise<T | Response>,
) {
  const run = async (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      // Cron callers are servers holding a bearer secret, not browsers carrying a cookie.
      if (opts.access !== "cron" && request.method !== "GET" && request.method !== "HEAD" && fromAnotherSite(request)) {
        return fail({ ok: false, code: "forbidden", message: "This request came from another site, so it was refused. Nothing was changed." });
      }
      let user: Actor | null = null;
      if (opts.access === "cron") {
        if (!bearerMatches(request, env.CRON_SECRET)) return fail({ ok: false, code: "unauthenticated", message: "A valid bearer token is required." });
      } else {
        user = await getCurrentUser();
        if (opts.access !== "public") {
          if (!user) return fail({ ok: false, code: "unauthenticated", message: "Sign in first." });
          if (!can(user.role, opts.access)) return fail({ ok: false, code: "forbidden", message: "You do not have permission to do that." });
        }
      }
      const url = new URL(request.url);
      const raw: Record<string, unknown> = { ...Object.fromEntries(url.searchParams), ...((await context?.params) ?? {}) };
      if (request.method !== "GET" && request.method !== "HEAD") {
        const type = request.headers.get("content-type") ?? "";
        // A body over the handler's limit is refused by its declared size, before it is read, or the moment the count passes it.
        const limited = opts.maxBodyBytes ? limitBody(request, opts.maxBodyBytes) : null;
        if (limited?.exceeded()) return limited.refusal();
        const body = limited?.request ?? request;
        if (type.includes("application/json")) Object.assign(raw, await body.json().catch(() => ({})));
        else if (type.includes("form"))
          for (const [k, v] of (await body.formData().catch((e) => (limited?.exceeded() ? new FormData() : Promise.reject(e)))).entries()) raw[k] = v;
        if (limited?.exceeded()) return limited.refusal();
      }
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) return fail({ ok: false, code: "invalid", message: "The request is not valid.", fieldErrors: fieldErrorsOf(parsed.error) });
      const out = await handler(parsed.data, { user, request } as Ctx<A>);
      if (out instanceof Response) return out;
      return NextResponse.json({ ok: true, data: out } satisfies ActionResult<T>);
    } catch (e) {
      return fail(toFailure(e));
    }
  };
  return Object.assign(run, { meta: { access: opts.access, schema: opts.schema as z.ZodType } satisfies RouteMeta });
}
