import "server-only";
import { count } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { SYSTEM } from "@/db/queries/actor";
import { createUserWithPassword } from "@/db/queries/users";
import type { Role } from "@/lib/constants";

export const DEMO_PASSWORD = "markbook-demo";

export const DEMO_SIGN_INS: { email: string; role: Role; fullName: string }[] = [
  { email: "admin@markbook.test", role: "admin", fullName: "Asha Menon" },
  { email: "faculty@markbook.test", role: "faculty", fullName: "Rahul Verma" },
  { email: "counsellor@markbook.test", role: "counsellor", fullName: "Priya Nair" },
];

export async function isEmpty(): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n === 0;
}

/**
 * A realistic, deterministic demo institution, written through the queries layer so the
 * demo exercises the same rules as the app. Only runs on an empty database.
 */
export async function seedDemo(log: (msg: string) => void = () => {}): Promise<void> {
  const staff: Record<string, number> = {};
  for (const s of DEMO_SIGN_INS) {
    const u = await createUserWithPassword(SYSTEM, { ...s, password: DEMO_PASSWORD });
    staff[s.email] = u.id;
  }
  log(`staff: ${DEMO_SIGN_INS.length} demo sign-ins`);
}
