import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { LibsqlError } from "@libsql/client";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/current-user";
import { type Actor } from "@/lib/actor";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";

export type FieldErrors = Record<string, string[] | undefined>;

export type ErrorCode = "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | "rate_limited" | "error";

/** The one result every server action and route handler returns. */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string>; details?: unknown };

/** "public": anyone, signed in or not (sign-in, setup, invitations). Otherwise a permission. */
export type Access = Permission | "public";

export type ActionMeta = { access: Access; schema: z.ZodType };

/** Thrown from a handler to refuse with a message (and optionally per-field errors). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = "invalid",
    readonly fieldErrors?: FieldErrors,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

type Ctx<A extends Access> = { user: A extends "public" ? Actor | null : Actor };

export type WrappedAction<I, T> = ((prev: ActionResult<T> | null | undefined, payload?: FormData | I) => Promise<ActionResult<T>>) & { meta: ActionMeta };

/** FormData → plain object; repeated keys become arrays; React's own fields are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  // Collected in a Map: a field named "constructor" or "__proto__[]" is data, not the prototype's.
  const out = new Map<string, unknown>();
  for (const [key, value] of fd.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const list = key.endsWith("[]");
    const k = list ? key.slice(0, -2) : key;
    const prev = out.get(k);
    if (prev === undefined) out.set(k, list ? [value] : value);
    else out.set(k, [...(Array.isArray(prev) ? prev : [prev]), value]);
  }
  return Object.fromEntries(out);
}

function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" && !/password|token/i.test(k)) out[k] = v.slice(0, 10_000);
  }
  return out;
}

/** Field errors keyed by path ("email", "guardians.0.email"), first message first. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Every server action is `action({ access, schema }, handler)`: load the current user
 * (active, current role), check the permission, parse the input, run, and return one result
 * type. Forgetting the permission check is not possible: there is no other way to make one.
 */
export function action<S extends z.ZodType, T, A extends Access>(
  opts: { access: A; schema: S },
  handler: (input: z.output<S>, ctx: Ctx<A>) => Promise<T>,
): WrappedAction<z.input<S>, T> {
  const run = async (prev: ActionResult<T> | null | undefined, input?: FormData | z.input<S>): Promise<ActionResult<T>> => {
    // Also usable as a plain <form action>, which passes the FormData first.
    const payload = input === undefined && (prev as unknown) instanceof FormData ? (prev as unknown as FormData) : input;
    let values: Record<string, string> | undefined;
    try {
      const raw: Record<string, unknown> = payload instanceof FormData ? formDataToObject(payload) : ((payload ?? {}) as Record<string, unknown>);
      values = payload instanceof FormData ? echo(raw) : undefined;
      const user = await getCurrentUser();
      if (opts.access !== "public") {
        if (!user) return { ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again." };
        if (!can(user.role, opts.access)) return { ok: false, code: "forbidden", message: "You do not have permission to do that." };
      }
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, code: "invalid", message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
      }
      const data = await handler(parsed.data, { user } as Ctx<A>);
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      return { ...toFailure(e), values };
    }
  };
  return Object.assign(run, { meta: { access: opts.access, schema: opts.schema as z.ZodType } });
}

export function toFailure(e: unknown): Extract<ActionResult, { ok: false }> {
  if (e instanceof ActionError) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors, details: e.details };
  if (e instanceof ConflictError) return { ok: false, code: "conflict", message: e.message, details: e.details };
  if (e instanceof DomainError) return { ok: false, code: "invalid", message: e.message, fieldErrors: e.fieldErrors };
  if (e instanceof ForbiddenError) return { ok: false, code: "forbidden", message: e.message };
  if (e instanceof NotFoundError) return { ok: false, code: "not_found", message: e.message };
  if (e instanceof LibsqlError || (e instanceof Error && e.cause instanceof LibsqlError)) {
    const err = e instanceof LibsqlError ? e : (e.cause as LibsqlError);
    if (/UNIQUE/i.test(err.code) || /UNIQUE constraint/i.test(err.message)) {
      return { ok: false, code: "conflict", message: "A record with these details already exists." };
    }
    if (/FOREIGNKEY|FOREIGN KEY/i.test(err.code + err.message)) {
      return { ok: false, code: "conflict", message: "This record is still referenced by others, or refers to one that does not exist." };
    }
  }
  console.error("[action] unexpected error", e);
  return { ok: false, code: "error", message: "Something went wrong on our side. Nothing was changed; please try again." };
}
