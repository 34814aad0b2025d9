import type { Role } from "@/lib/constants";
import { can, type Permission } from "@/lib/auth/permissions";

/** The signed-in staff member a query acts for. Every scoped query takes one. */
export type Actor = { id: number; role: Role; fullName: string; email: string };

/** Work done by the system itself (jobs, first-run setup, seeding) rather than a person. */
export const SYSTEM: Actor = { id: 0, role: "admin", fullName: "Markbook", email: "system@markbook" };

export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends Error {
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A rule broken by the request itself (last admin, locked term…): shown to the user as is. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}

export function actorId(actor: Actor): number | null {
  return actor.id === 0 ? null : actor.id;
}

/** Someone else changed the record since it was read: carries both sides, never overwrites. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}
