// Reading the audit trail: where a recorded entity lives on screen, and what an event changed.

type Snapshot = Record<string, unknown> | null;

const HREF: Record<string, (id: string) => string> = {
  candidate: (id) => `/candidates/${id}`,
  lead: (id) => `/leads/${id}`,
  course: (id) => `/courses/${id}`,
  task: () => `/tasks`,
  institution: () => `/institutions`,
  contact: () => `/contacts`,
  import: () => `/imports`,
  alert: () => `/alerts`,
  user: () => `/admin/users`,
  report_run: (id) => `/reports/${id}`,
};

/** The screen that shows a recorded entity, when there is one. */
export function auditHref(entity: string, entityId: string): string | undefined {
  return HREF[entity]?.(entityId);
}

/** "grading_scale" → "grading scale". */
export function entityLabel(entity: string): string {
  return entity.replace(/_/g, " ");
}

export type AuditChange = { field: string; before: unknown; after: unknown };

/**
 * The fields an event touched: for a change, those whose value differs; for a record made or
 * removed, every field it had (the other side is absent).
 */
export function auditChanges(before: Snapshot, after: Snapshot): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: AuditChange[] = [];
  for (const field of fields) {
    const b = before?.[field];
    const a = after?.[field];
    if (before && after && JSON.stringify(b) === JSON.stringify(a)) continue;
    out.push({ field, before: b, after: a });
  }
  return out;
}

/** One recorded value as text: absent and null as a dash, structures as JSON. */
export function auditValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}
