import { first, type SearchParams } from "@/lib/list";
import type { AuditFilters } from "@/db/queries/audit";

export const AUDIT_SORTS = ["at", "actor", "entity", "action"] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** A yyyy-mm-dd from the URL as the start of that day on the server's clock; anything else is no date. */
function day(v: string | undefined): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v ?? "");
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? d : undefined;
}

/** The audit log's filters from the URL: ?actor=<id>|none&entity=&from=&to= (both days included). */
export function auditFilters(sp: SearchParams): AuditFilters {
  const actor = first(sp.actor);
  const id = Number(actor);
  const to = day(first(sp.to));
  return {
    actorId: actor === "none" ? "none" : Number.isSafeInteger(id) && id > 0 ? id : undefined,
    entity: first(sp.entity)?.slice(0, 50) || undefined,
    from: day(first(sp.from)),
    until: to ? new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1) : undefined,
  };
}
