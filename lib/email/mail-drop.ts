import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { env } from "@/lib/env";

// Without RESEND_API_KEY the outbox stands in for the recipients' mailboxes. What would have
// been delivered (with its working personal link) is written here, outside the database and
// its backups, and never read back into them.

/** The configured folder (as set, for showing), and where it is on disk. */
export function outboxDir(): string {
  return env.OUTBOX_DIR;
}

const fileName = (messageId: number) => `message-${messageId}.eml`;

/** Where a message's delivered copy is, as configured (relative to the app's folder by default). */
export function mailDropPath(messageId: number): string {
  return join(outboxDir(), fileName(messageId));
}

export function hasMailDropCopy(messageId: number): boolean {
  return existsSync(resolve(mailDropPath(messageId)));
}

export type DeliveredMessage = { id: number; from: string; to: string; subject: string; html: string; text: string; date: Date };

// A header value on one line: a name typed with a line break cannot add headers.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ");
const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, "utf8").toString("base64")}?=`);
const base64Lines = (s: string) => Buffer.from(s, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");

/** The message as an .eml file any mail client opens: a plain-text and an HTML part. */
export function toEml(m: DeliveredMessage): string {
  const boundary = `markbook-${randomBytes(12).toString("hex")}`;
  return [
    `From: ${oneLine(m.from)}`,
    `To: ${oneLine(m.to)}`,
    `Subject: ${encodeWord(oneLine(m.subject))}`,
    `Date: ${m.date.toUTCString()}`,
    `Message-ID: <markbook-${m.id}@outbox.markbook>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    m.text.replace(/\r?\n/g, "\r\n"),
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(m.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/**
 * Delivers one message to the mail drop. Written whole or not at all (a temporary file renamed
 * into place), readable by the server's user only: the file holds a working link.
 */
export async function dropMessage(m: DeliveredMessage): Promise<string> {
  const dir = resolve(outboxDir());
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, fileName(m.id));
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, toEml(m), { mode: 0o600 });
  await rename(tmp, path);
  return path;
}
