import "server-only";
import { z } from "zod";
import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN } from "@/lib/constants";

export { PASSWORD_MIN };

// The 49,000 passwords seen most often in breaches (zxcvbn's list), plus the obvious ones here.
const COMMON = new Set<string>([...(dictionary["passwords-common"] as string[]), "markbook", "markbook123", "markbook1234", "teacher", "student", "school"]);

/**
 * Common means: on the list as typed (any case), or a listed word with only digits and
 * symbols added ("password2026!", "Sunshine123").
 */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (COMMON.has(p)) return true;
  const base = p.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
  return base.length >= 4 && COMMON.has(base);
}

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters` })
  .max(200, { error: "Use at most 200 characters" })
  .refine((p) => !isCommonPassword(p), { error: "This password is too common or too easy to guess; choose another" });
