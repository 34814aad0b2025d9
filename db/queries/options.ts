import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { institutions, programs, users } from "@/db/schema";

// Small lists for form selects, shared by every screen that needs them.

export async function programOptions() {
  const rows = await db.select({ id: programs.id, code: programs.code, name: programs.name }).from(programs).orderBy(asc(programs.code));
  return rows.map((r) => ({ id: r.id, label: `${r.code} — ${r.name}` }));
}

export async function institutionOptions() {
  const rows = await db.select({ id: institutions.id, name: institutions.name, city: institutions.city }).from(institutions).orderBy(asc(institutions.name));
  return rows.map((r) => ({ id: r.id, label: r.city ? `${r.name}, ${r.city}` : r.name }));
}

export async function facultyOptions() {
  const rows = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.role, "faculty"), eq(users.active, true)))
    .orderBy(asc(users.fullName));
  return rows.map((r) => ({ id: r.id, label: r.fullName }));
}

export async function staffOptions(role?: "admin" | "faculty" | "counsellor") {
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), role ? eq(users.role, role) : undefined))
    .orderBy(asc(users.fullName));
  return rows.map((r) => ({ id: r.id, label: r.fullName, role: r.role }));
}
