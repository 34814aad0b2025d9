import "server-only";
import type { EmailTemplate } from "@/lib/constants";
import { db, type DbOrTx } from "@/db/client";
import { deliverEmail, queueEmail, type QueueInput } from "@/db/queries/emails";
import { getSettings } from "@/db/queries/settings";
import type { Branding } from "@/emails/components/layout";
import { renderEmail } from "./render";
import type { TemplateProps } from "./templates";

type Meta = Omit<QueueInput, "template" | "subject" | "html" | "text">;

export async function branding(tx: DbOrTx = db): Promise<Branding> {
  const s = await getSettings(tx);
  return { name: s.name, brandColor: s.brandColor, replyTo: s.replyTo };
}

/** Renders and logs a message as queued, inside the caller's transaction. Deliver after commit. */
export async function queueTemplate<K extends EmailTemplate>(tx: DbOrTx, template: K, props: TemplateProps[K], meta: Meta): Promise<number | null> {
  const r = await renderEmail(template, props);
  return queueEmail(tx, { ...meta, template, subject: r.subject, html: r.html, text: r.text });
}

/**
 * The one way Markbook sends email: written to the log first (queued), then sent through
 * Resend when RESEND_API_KEY is set, or to the local outbox's mail drop otherwise. A provider
 * failure leaves the message failed and scheduled for a retry. A template with a personal
 * link is rendered with PERSONAL_LINK in its place and names the link's row in `meta`
 * (accessLinkId / userTokenId): the token is minted at delivery and never logged.
 */
export async function sendEmail<K extends EmailTemplate>(template: K, props: TemplateProps[K], meta: Meta) {
  const id = await queueTemplate(db, template, props, meta);
  if (id === null) return { id: null, status: "duplicate" as const };
  return { id, status: await deliverEmail(id) };
}

export { deliverEmail };
