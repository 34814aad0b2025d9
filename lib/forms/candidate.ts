import { z } from "zod";
import { CANDIDATE_STATUSES, CONTACT_METHODS } from "@/lib/constants";
import { asList, blankToNull, idSchema, nullableText, optionalDate, optionalEmail, optionalId, PHONE_MESSAGE, PHONE_PATTERN, yesNo } from "./fields";

// The candidate form's phone checks the length before the pattern, so past 30 characters zod's
// own words come first; kept as it was (the kit's optionalPhone has the pattern alone).
const phone = z.preprocess(blankToNull, z.string().max(30).regex(PHONE_PATTERN, { error: PHONE_MESSAGE }).nullable());

export const guardianSchema = z.object({
  id: optionalId,
  fullName: z.string({ error: "Enter the guardian's name" }).trim().min(1, { error: "Enter the guardian's name" }).max(200),
  relationship: nullableText(50),
  email: optionalEmail,
  phone,
  preferredContact: z.enum(CONTACT_METHODS).default("email"),
  receivesReports: yesNo,
});

/** Guardians arrive as parallel arrays (guardianFullName[], guardianEmail[] …); rows left blank are dropped. */
function guardiansFromForm(raw: Record<string, unknown>) {
  const names = asList(raw.guardianFullName);
  return names
    .map((_, i) => ({
      id: asList(raw.guardianId)[i],
      fullName: names[i],
      relationship: asList(raw.guardianRelationship)[i],
      email: asList(raw.guardianEmail)[i],
      phone: asList(raw.guardianPhone)[i],
      preferredContact: asList(raw.guardianPreferredContact)[i] || "email",
      receivesReports: asList(raw.guardianReceivesReports)[i] ?? "yes",
    }))
    .filter((g) => [g.fullName, g.email, g.phone, g.relationship].some((v) => typeof v === "string" && v.trim() !== ""));
}

export const candidateSchema = z.preprocess(
  (raw) => (raw && typeof raw === "object" && !("guardians" in raw) ? { ...raw, guardians: guardiansFromForm(raw as Record<string, unknown>) } : raw),
  z.object({
    candidateNumber: nullableText(50),
    fullName: z.string({ error: "Enter the candidate's full name" }).trim().min(1, { error: "Enter the candidate's full name" }).max(200),
    email: optionalEmail,
    phone,
    dateOfBirth: optionalDate("the date of birth"),
    programId: optionalId,
    institutionId: optionalId,
    advisorId: optionalId,
    status: z.enum(CANDIDATE_STATUSES).default("active"),
    enrolledOn: optionalDate("the enrolment date"),
    notes: nullableText(5000),
    consentToEmail: yesNo,
    leadId: optionalId,
    guardians: z.array(guardianSchema).max(10, { error: "At most 10 guardians" }),
  }),
);

export type CandidateFormInput = z.output<typeof candidateSchema>;

export const updateCandidateSchema = z.intersection(z.object({ id: idSchema }), candidateSchema);

export const candidateNotesSchema = z.object({
  id: idSchema,
  notes: z
    .string()
    .max(5000, { error: "Use at most 5,000 characters" })
    .transform((v) => v.trim() || null),
});

export const candidateStatusSchema = z.object({ id: idSchema, status: z.enum(CANDIDATE_STATUSES) });
