import { z } from "zod";
import { CANDIDATE_STATUSES, CONTACT_METHODS } from "@/lib/constants";
import { optionalDate, optionalEmail, optionalId } from "@/lib/schemas";

const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)), z.string().max(max, { error: `Use at most ${max} characters` }).nullable());

const phone = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
  z
    .string()
    .max(30)
    .regex(/^[+()\d\s.-]{6,30}$/, { error: "Enter a phone number (digits, spaces, + ( ) -)" })
    .nullable(),
);

export const guardianSchema = z.object({
  id: optionalId,
  fullName: z.string({ error: "Enter the guardian's name" }).trim().min(1, { error: "Enter the guardian's name" }).max(200),
  relationship: text(50),
  email: optionalEmail.transform((v) => v ?? null),
  phone,
  preferredContact: z.enum(CONTACT_METHODS).default("email"),
  receivesReports: z.preprocess((v) => v === true || v === "yes" || v === "on" || v === "true", z.boolean()),
});

const arr = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Guardians arrive as parallel arrays (guardianFullName[], guardianEmail[] …); rows left blank are dropped. */
function guardiansFromForm(raw: Record<string, unknown>) {
  const names = arr(raw.guardianFullName);
  return names
    .map((_, i) => ({
      id: arr(raw.guardianId)[i],
      fullName: names[i],
      relationship: arr(raw.guardianRelationship)[i],
      email: arr(raw.guardianEmail)[i],
      phone: arr(raw.guardianPhone)[i],
      preferredContact: arr(raw.guardianPreferredContact)[i] || "email",
      receivesReports: arr(raw.guardianReceivesReports)[i] ?? "yes",
    }))
    .filter((g) => [g.fullName, g.email, g.phone, g.relationship].some((v) => typeof v === "string" && v.trim() !== ""));
}

export const candidateSchema = z.preprocess(
  (raw) => (raw && typeof raw === "object" && !("guardians" in raw) ? { ...raw, guardians: guardiansFromForm(raw as Record<string, unknown>) } : raw),
  z.object({
    candidateNumber: text(50),
    fullName: z.string({ error: "Enter the candidate's full name" }).trim().min(1, { error: "Enter the candidate's full name" }).max(200),
    email: optionalEmail.transform((v) => v ?? null),
    phone,
    dateOfBirth: optionalDate("the date of birth"),
    programId: optionalId,
    institutionId: optionalId,
    advisorId: optionalId,
    status: z.enum(CANDIDATE_STATUSES).default("active"),
    enrolledOn: optionalDate("the enrolment date"),
    notes: text(5000),
    consentToEmail: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "yes", z.boolean()),
    leadId: optionalId,
    guardians: z.array(guardianSchema).max(10, { error: "At most 10 guardians" }),
  }),
);

export type CandidateFormInput = z.output<typeof candidateSchema>;
