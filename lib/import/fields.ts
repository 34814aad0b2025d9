import type { ImportKind } from "@/lib/constants";

export type TargetField = { key: string; label: string; required: boolean; aliases: string[] };

// What each kind of import reads, and the header names it recognises on its own.
export const IMPORT_FIELDS: Record<Exclude<ImportKind, "leads">, TargetField[]> = {
  marks: [
    {
      key: "candidateNumber",
      label: "Candidate number",
      required: true,
      aliases: ["candidate number", "candidate no", "roll number", "roll no", "student id", "candidate"],
    },
    { key: "courseCode", label: "Course code", required: true, aliases: ["course code", "course", "subject code", "subject"] },
    { key: "assessment", label: "Assessment name", required: true, aliases: ["assessment", "assessment name", "test", "exam", "component"] },
    { key: "score", label: "Score or status", required: true, aliases: ["score", "mark", "marks", "result", "status"] },
    { key: "feedback", label: "Feedback", required: false, aliases: ["feedback", "comment", "comments", "remarks"] },
    { key: "term", label: "Term (if codes repeat)", required: false, aliases: ["term", "semester"] },
  ],
  attendance: [
    {
      key: "candidateNumber",
      label: "Candidate number",
      required: true,
      aliases: ["candidate number", "candidate no", "roll number", "roll no", "student id"],
    },
    { key: "courseCode", label: "Course code", required: true, aliases: ["course code", "course", "subject code"] },
    { key: "date", label: "Date", required: true, aliases: ["date", "session date", "day"] },
    { key: "status", label: "Status", required: true, aliases: ["status", "attendance", "present"] },
    { key: "note", label: "Note", required: false, aliases: ["note", "notes", "remarks", "reason"] },
    { key: "term", label: "Term (if codes repeat)", required: false, aliases: ["term", "semester"] },
  ],
  candidates: [
    {
      key: "candidateNumber",
      label: "Candidate number",
      required: true,
      aliases: ["candidate number", "candidate no", "roll number", "roll no", "student id"],
    },
    { key: "fullName", label: "Full name", required: true, aliases: ["full name", "name", "student name", "candidate name"] },
    { key: "email", label: "Email", required: false, aliases: ["email", "e-mail", "student email"] },
    { key: "phone", label: "Phone", required: false, aliases: ["phone", "mobile", "contact", "phone number"] },
    { key: "dateOfBirth", label: "Date of birth", required: false, aliases: ["date of birth", "dob", "birth date"] },
    { key: "programCode", label: "Program code", required: false, aliases: ["program", "program code", "programme", "course of study"] },
    { key: "advisorEmail", label: "Advisor email", required: false, aliases: ["advisor", "advisor email", "mentor email"] },
    { key: "status", label: "Status", required: false, aliases: ["status"] },
    { key: "guardianName", label: "Guardian name", required: false, aliases: ["guardian", "guardian name", "parent", "parent name"] },
    { key: "guardianRelationship", label: "Guardian relationship", required: false, aliases: ["relationship", "guardian relationship", "relation"] },
    { key: "guardianEmail", label: "Guardian email", required: false, aliases: ["guardian email", "parent email"] },
    { key: "guardianPhone", label: "Guardian phone", required: false, aliases: ["guardian phone", "parent phone", "parent mobile"] },
  ],
};

export type Mapping = Record<string, string>;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Field → header: the last mapping where its headers still exist, else recognised names. */
export function autoMap(kind: keyof typeof IMPORT_FIELDS, headers: string[], last?: Mapping | null): Mapping {
  const out: Mapping = {};
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  for (const f of IMPORT_FIELDS[kind]) {
    const remembered = last?.[f.key];
    if (remembered && headers.includes(remembered)) {
      out[f.key] = remembered;
      continue;
    }
    const hit = [f.label, f.key, ...f.aliases].map(norm).find((a) => byNorm.has(a));
    if (hit) out[f.key] = byNorm.get(hit)!;
  }
  return out;
}

/** Dates as people type them: 2026-09-19, 19-09-2026 or 19/09/2026. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
