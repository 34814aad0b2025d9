import { z } from "zod";
import { LEAD_STATUSES } from "@/lib/constants";
import { flag, idSchema, nullableText, optionalDate, optionalId, requiredEmail, requiredPhone, requiredText } from "./fields";

export const leadSchema = z.object({
  studentName: requiredText("the student's name"),
  email: requiredEmail(),
  phone: requiredPhone,
  programOfInterest: requiredText("the program of interest"),
  source: requiredText("where the lead came from"),
  institutionId: optionalId,
  contactId: optionalId,
  status: z.enum(LEAD_STATUSES).default("New"),
  ownerId: optionalId,
  notes: nullableText(5000),
  followUpOn: optionalDate("the follow-up date"),
  nextStep: nullableText(300),
  /** Set when the person has seen the duplicate warning and wants the lead anyway. */
  confirmDuplicate: flag("on", "true").optional(),
});

export const updateLeadSchema = leadSchema.extend({ id: idSchema });

export const leadStatusSchema = z.object({ id: idSchema, status: z.enum(LEAD_STATUSES) });
