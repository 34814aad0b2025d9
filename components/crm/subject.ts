/** What a CRM panel is about: a lead, or a candidate (named, for the new-task dialog). */
export type CrmSubject = { kind: "lead"; id: number } | { kind: "candidate"; id: number; name: string };

/** The subject as the queries take it. */
export function subjectFilter(s: CrmSubject): { leadId: number } | { candidateId: number } {
  return s.kind === "lead" ? { leadId: s.id } : { candidateId: s.id };
}
