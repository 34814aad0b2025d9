import { z } from "zod";
import { INTERACTION_KINDS, LEAD_STATUSES, TASK_STATUSES } from "@/lib/constants";
import { optionalDate, optionalEmail, optionalId } from "@/lib/schemas";

const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)), z.string().max(max, { error: `Use at most ${max} characters` }).nullable());
const required = (label: string, max = 200) => z.string({ error: `Enter ${label}` }).trim().min(1, { error: `Enter ${label}` }).max(max, { error: `Use at most ${max} characters` });
const PHONE = /^[+()\d\s.-]{6,30}$/;
const PHONE_MSG = "Enter a phone number (digits, spaces, + ( ) -)";
const optionalPhone = z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)), z.string().regex(PHONE, { error: PHONE_MSG }).nullable());
const requiredPhone = z.string({ error: "Enter a phone number" }).trim().min(1, { error: "Enter a phone number" }).regex(PHONE, { error: PHONE_MSG });

export const institutionSchema = z.object({
  name: required("the institution's name"),
  city: text(100),
  state: text(100),
  contactEmail: optionalEmail.transform((v) => v ?? null),
  contactPhone: optionalPhone,
});

export const contactSchema = z.object({
  fullName: required("the contact's name"),
  role: text(100),
  email: optionalEmail.transform((v) => v ?? null),
  phone: optionalPhone,
  institutionId: optionalId,
});

export const leadSchema = z.object({
  studentName: required("the student's name"),
  email: z.string({ error: "Enter an email" }).trim().min(1, { error: "Enter an email" }).pipe(z.email({ error: "Enter a valid email address" })),
  phone: requiredPhone,
  programOfInterest: required("the program of interest"),
  source: required("where the lead came from"),
  institutionId: optionalId,
  contactId: optionalId,
  status: z.enum(LEAD_STATUSES).default("New"),
  ownerId: optionalId,
  notes: text(5000),
  followUpOn: optionalDate("the follow-up date"),
  nextStep: text(300),
  /** Set when the person has seen the duplicate warning and wants the lead anyway. */
  confirmDuplicate: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
});

export const interactionSchema = z.object({
  kind: z.enum(INTERACTION_KINDS, { error: "Choose a kind" }),
  body: z.string({ error: "Write something" }).trim().min(1, { error: "Write something" }).max(10000),
});

export const taskSchema = z.object({
  title: required("a title"),
  description: text(5000),
  dueAt: z.preprocess((v) => {
    if (v === "" || v === null || v === undefined) return null;
    const d = new Date(String(v));
    return Number.isNaN(d.getTime()) ? "invalid" : d;
  }, z.date({ error: "Enter a due date and time" }).nullable()),
  ownerId: optionalId,
  status: z.enum(TASK_STATUSES).default("open"),
  leadId: optionalId,
  candidateId: optionalId,
});
