import "server-only";
import { and, asc, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { candidates, contacts, institutions, leads } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { likePattern } from "@/lib/list";
import type { Actor } from "@/lib/actor";
import { candidatesVisibleTo } from "./scope";

export type SearchHit = { kind: "candidate" | "lead" | "contact" | "institution"; id: number; title: string; subtitle: string | null; href: string };

/** One search over the records the actor may open. */
export async function globalSearch(actor: Actor, q: string, perKind = 5): Promise<SearchHit[]> {
  const term = q.trim();
  if (term.length < 2) return [];
  const p = likePattern(term);
  const out: SearchHit[] = [];
  const jobs: Promise<void>[] = [];
  if (can(actor.role, "candidates.read")) {
    jobs.push(
      db
        .select({ id: candidates.id, fullName: candidates.fullName, number: candidates.candidateNumber, email: candidates.email })
        .from(candidates)
        .where(
          and(
            candidatesVisibleTo(actor),
            isNull(candidates.erasedAt),
            sql`(${candidates.fullName} like ${p} escape '\\' or ${candidates.candidateNumber} like ${p} escape '\\' or ${candidates.email} like ${p} escape '\\')`,
          ),
        )
        .orderBy(asc(candidates.fullName))
        .limit(perKind)
        .then(
          (rows) =>
            void out.push(...rows.map((r) => ({ kind: "candidate" as const, id: r.id, title: r.fullName, subtitle: r.number, href: `/candidates/${r.id}` }))),
        ),
    );
  }
  if (can(actor.role, "leads.read")) {
    jobs.push(
      db
        .select({ id: leads.id, name: leads.studentName, status: leads.status, program: leads.programOfInterest })
        .from(leads)
        .where(sql`(${leads.studentName} like ${p} escape '\\' or ${leads.email} like ${p} escape '\\' or ${leads.phone} like ${p} escape '\\')`)
        .orderBy(asc(leads.studentName))
        .limit(perKind)
        .then(
          (rows) =>
            void out.push(
              ...rows.map((r) => ({ kind: "lead" as const, id: r.id, title: r.name, subtitle: `${r.status} · ${r.program}`, href: `/leads/${r.id}` })),
            ),
        ),
    );
  }
  if (can(actor.role, "contacts.read")) {
    jobs.push(
      db
        .select({ id: contacts.id, name: contacts.fullName, role: contacts.role })
        .from(contacts)
        .where(sql`(${contacts.fullName} like ${p} escape '\\' or ${contacts.email} like ${p} escape '\\')`)
        .orderBy(asc(contacts.fullName))
        .limit(perKind)
        .then(
          (rows) =>
            void out.push(
              ...rows.map((r) => ({ kind: "contact" as const, id: r.id, title: r.name, subtitle: r.role, href: `/contacts?q=${encodeURIComponent(r.name)}` })),
            ),
        ),
    );
  }
  if (can(actor.role, "institutions.read")) {
    jobs.push(
      db
        .select({ id: institutions.id, name: institutions.name, city: institutions.city })
        .from(institutions)
        .where(sql`(${institutions.name} like ${p} escape '\\' or ${institutions.city} like ${p} escape '\\')`)
        .orderBy(asc(institutions.name))
        .limit(perKind)
        .then(
          (rows) =>
            void out.push(
              ...rows.map((r) => ({
                kind: "institution" as const,
                id: r.id,
                title: r.name,
                subtitle: r.city,
                href: `/institutions?q=${encodeURIComponent(r.name)}`,
              })),
            ),
        ),
    );
  }
  await Promise.all(jobs);
  const order = { candidate: 0, lead: 1, contact: 2, institution: 3 };
  return out.sort((a, b) => order[a.kind] - order[b.kind]);
}
