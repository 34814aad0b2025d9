import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createUserWithPassword } from "@/db/queries/users";
import type { Role } from "@/lib/constants";

let n = 0;
export const TEST_PASSWORD = "correct-horse-battery";

/** A ready staff account, as an Actor the queries accept. */
export async function makeUser(
  role: Role,
  overrides: { fullName?: string; email?: string; active?: boolean } = {},
): Promise<Actor & { sessionVersion: number }> {
  n += 1;
  const u = await createUserWithPassword(SYSTEM, {
    fullName: overrides.fullName ?? `${role} user ${n}`,
    email: overrides.email ?? `${role}${n}-${Math.random().toString(36).slice(2, 8)}@test.markbook`,
    role,
    password: TEST_PASSWORD,
  });
  if (overrides.active === false) await db.update(users).set({ active: false }).where(eq(users.id, u.id));
  return { id: u.id, role: u.role, fullName: u.fullName, email: u.email, sessionVersion: u.sessionVersion };
}
