/** Emails sent about this lead (follow-up reminders and others) — filled in by the email log. */
export function LeadEmails({ leadId }: { leadId: number }) {
  void leadId;
  return null;
}
