import type { Role } from "@/lib/constants";
import { can, type Permission } from "@/lib/auth/permissions";
import { ForbiddenError } from "./errors";

/** The signed-in staff member a query acts for. Every scoped query takes one. */
export type Actor = { id: number; role: Role; fullName: string; email: string };

/** Work done by the system itself (jobs, first-run setup, seeding) rather than a person. */
export const SYSTEM: Actor = { id: 0, role: "admin", fullName: "Markbook", email: "system@markbook" };

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}

export function actorId(actor: Actor): number | null {
  return actor.id === 0 ? null : actor.id;
}
