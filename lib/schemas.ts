import { z } from "zod";

// Shared zod pieces for forms and actions (FormData is all strings).

/** "" or missing → null; otherwise a finite number, with a message a teacher understands. */
// Plain decimal notation only ("12", "-3.5", "7,5"): "0x1F", "1e2" or "Infinity" are not what a person typed as a mark.
const DECIMAL = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;
const toNumber = (v: string) => (DECIMAL.test(v.trim()) ? Number(v.trim().replace(",", ".")) : Number.NaN);

export const optionalNumber = (label = "a number") =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? (v.trim() === "" ? null : toNumber(v)) : v),
    z.number({ error: `Enter ${label}` }).refine(Number.isFinite, { error: `Enter ${label}` }).nullable(),
  );

export const requiredNumber = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? (v.trim() === "" ? undefined : toNumber(v)) : v),
    z.number({ error: `Enter ${label}` }).refine(Number.isFinite, { error: `Enter ${label}` }),
  );

export const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined || v === "0" ? null : v), z.coerce.number().int().positive().nullable());

export const isoDate = (label = "a date") =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Enter ${label} as a date` })
    .refine((s) => !Number.isNaN(new Date(s + "T00:00:00Z").getTime()) && new Date(s + "T00:00:00Z").toISOString().startsWith(s), { error: "That date does not exist" });

export const optionalDate = (label = "a date") => z.preprocess((v) => (v === "" || v === undefined ? null : v), isoDate(label).nullable());

export const optionalEmail = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
  z.email({ error: "Enter a valid email address" }).max(320).nullable().optional(),
);
