import type { EmailTemplate } from "@/lib/constants";
import { hashToken, newToken } from "@/lib/auth/tokens";

// A personal link (a result page, an invitation, a password reset) opens something without
// an account, so no usable copy of it may be kept anywhere (PRODUCT.md §6). The email log
// stores this placeholder where the token goes; the token is minted when the message is
// delivered and exists only in the copy that leaves Markbook. URL-safe so the logged link
// still reads as a link, and shorter than any token, so it can never open anything.
export const PERSONAL_LINK = "__personal_link__";

export type PersonalLinkPath = "r" | "invite" | "reset-password";

/** The link a template is rendered with: the placeholder stands in for the token. */
export function personalLinkUrl(appUrl: string, path: PersonalLinkPath): string {
  return `${appUrl.replace(/\/+$/, "")}/${path}/${PERSONAL_LINK}`;
}

/** Which row a template's placeholder stands for: a result link, or an invitation/reset token. */
export const LINK_TEMPLATES: Partial<Record<EmailTemplate, "accessLink" | "userToken">> = {
  "progress-report": "accessLink",
  "staff-invitation": "userToken",
  "password-reset": "userToken",
};

/** Does this message carry a personal link (to be minted when it is delivered)? */
export function carriesPersonalLink(m: { template: EmailTemplate; html: string; text: string }): boolean {
  return !!LINK_TEMPLATES[m.template] && (m.html.includes(PERSONAL_LINK) || m.text.includes(PERSONAL_LINK));
}

/** What a link row holds until delivery: the hash of a token nobody knows, so the link opens nothing yet. */
export function unknownTokenHash(): string {
  return hashToken(newToken());
}

/** The copy that is delivered: the freshly minted token where the placeholder is. */
export function withToken(body: string, token: string): string {
  return body.replaceAll(PERSONAL_LINK, token);
}

// The token-bearing paths. Ten characters is the shortest token the set-password form takes;
// the placeholder itself matches too and is left as it is.
const TOKEN_IN_LINK = /\/(r|invite|reset-password)\/([A-Za-z0-9_-]{10,})/g;

export type FoundToken = { kind: "accessLink" | "userToken"; token: string };

/**
 * The body with every token-shaped personal link replaced by the placeholder, and the tokens
 * that were there (so an old log row can be tied to its link). Used for everything the log
 * stores, and once over messages logged before tokens were kept out.
 */
export function redactTokens(body: string): { body: string; found: FoundToken[] } {
  const found: FoundToken[] = [];
  const out = body.replace(TOKEN_IN_LINK, (whole, path: string, token: string) => {
    if (token === PERSONAL_LINK) return whole;
    found.push({ kind: path === "r" ? "accessLink" : "userToken", token });
    return `/${path}/${PERSONAL_LINK}`;
  });
  return { body: out, found };
}
