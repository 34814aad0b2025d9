import { z } from "zod";
import { checkbox, optionalId, optionalText, requiredNumber, requiredText } from "./fields";

/** The institution's own settings: name, branding, result links, alert tasks. */
export const institutionSettingsSchema = z.object({
  name: requiredText("the institution's name"),
  shortName: requiredText("a short name", 40),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "Use a colour like #4f46e5" }),
  replyTo: optionalText(320).pipe(z.email({ error: "Enter a valid email address" }).optional()),
  resultLinkDays: requiredNumber("the number of days").pipe(z.number().int().min(1, { error: "At least 1 day" }).max(365, { error: "At most 365 days" })),
  alertTaskForAdvisor: checkbox,
  alertTaskForCounsellorOnAttendance: checkbox,
  alertCounsellorId: optionalId,
});
