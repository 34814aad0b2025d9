import type { ComponentType } from "react";
import type { EmailTemplate } from "@/lib/constants";
import ProgressReport, { subject as progressSubject, text as progressText, type ProgressReportProps } from "@/emails/progress-report";
import AtRiskFollowUp, { subject as atRiskSubject, type AtRiskProps } from "@/emails/at-risk-follow-up";
import FollowUpReminder, { subject as reminderSubject, type FollowUpReminderProps } from "@/emails/follow-up-reminder";
import TaskDigest, { subject as digestSubject, type TaskDigestProps } from "@/emails/task-digest";
import StaffInvitation, { subject as inviteSubject, type StaffInvitationProps } from "@/emails/staff-invitation";
import PasswordReset, { subject as resetSubject, type PasswordResetProps } from "@/emails/password-reset";

export type TemplateProps = {
  "progress-report": ProgressReportProps;
  "at-risk-follow-up": AtRiskProps;
  "follow-up-reminder": FollowUpReminderProps;
  "task-digest": TaskDigestProps;
  "staff-invitation": StaffInvitationProps;
  "password-reset": PasswordResetProps;
};

type Entry<K extends EmailTemplate> = {
  label: string;
  component: ComponentType<TemplateProps[K]> & { PreviewProps: TemplateProps[K] };
  subject: (p: TemplateProps[K]) => string;
  /** A hand-written plain-text part, where converting the HTML would be slow. */
  text?: (p: TemplateProps[K]) => string;
};

export const TEMPLATES: { [K in EmailTemplate]: Entry<K> } = {
  "progress-report": { label: "Progress report", component: ProgressReport, subject: progressSubject, text: progressText },
  "at-risk-follow-up": { label: "At-risk follow-up", component: AtRiskFollowUp, subject: atRiskSubject },
  "follow-up-reminder": { label: "Follow-up reminder", component: FollowUpReminder, subject: reminderSubject },
  "task-digest": { label: "Task digest", component: TaskDigest, subject: digestSubject },
  "staff-invitation": { label: "Staff invitation", component: StaffInvitation, subject: inviteSubject },
  "password-reset": { label: "Password reset", component: PasswordReset, subject: resetSubject },
};
