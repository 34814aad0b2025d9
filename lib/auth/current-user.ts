import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { findSessionUser } from "@/db/queries/users";
import type { Actor } from "@/lib/actor";
import { can, type Permission } from "./permissions";
import { getSessionClaims } from "./session";

/**
 * The signed-in staff member, with role and active flag read from the database on each
 * request (cached for the request), so deactivation and role changes apply at once.
 */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  return findSessionUser(claims.uid, claims.sv);
});

/** For pages: signed in, or off to sign-in. */
export async function requireUser(): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages: holding the permission, or shown the refusal page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect("/forbidden");
  return user;
}
