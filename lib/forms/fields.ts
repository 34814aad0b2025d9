import { z } from "zod";

// The field kit: every reusable zod field of Markbook's forms and actions, with the words a
// person sees beside the field. FormData is all strings, so each field says how it reads
// one. The schemas in lib/forms/<entity>.ts are built from these.

// ——— reading form values ———

/** Strings trimmed; anything else as it came. */
export const trim = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** A blank string (or nothing) is null; other strings trimmed. */
export const blankToNull = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null));

/** A repeated form field as a list: absent is [], one value is [value]. */
export const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// ——— whole inputs ———

/** An action that takes nothing. */
export const noInput = z.object({});

// ——— ids ———

/** A required id (a choice from a list, or a record's own id), with the words for a missing one. */
export const requiredId = (message: string) => z.coerce.number({ error: message }).int().positive({ error: message });

/** An id from a URL or form: a positive integer, or a clear error. */
export const idSchema = requiredId("Missing id");

/** An action on one record by its id (delete, lock, retry …). */
export const idOnly = z.object({ id: idSchema });

/** An optional choice: "", "0" or nothing is none (null). */
export const optionalId = z.preprocess(
  (v) => (v === "" || v === null || v === undefined || v === "0" ? null : v),
  z.coerce.number().int().positive().nullable(),
);

/** The version a form was loaded with: none means "not recorded when I looked" (null). */
export const expectedVersion = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().nonnegative().nullable());

// ——— text ———

/** Optional text: blank becomes undefined (left out). */
export const optionalText = (max = 2000) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());

/** Optional text kept as null when blank. */
export const nullableText = (max: number) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .max(max, { error: `Use at most ${max} characters` })
      .nullable(),
  );

/** Required text, trimmed: `Enter ${label}` when blank. */
export const requiredText = (label: string, max = 200) =>
  z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, { error: `Enter ${label}` })
      .max(max, { error: `Use at most ${max} characters` }),
  );

// ——— choices ———

/** True when the value is `true` or one of the given strings, else false (an unticked box sends nothing). */
export const flag = (...on: string[]) => z.preprocess((v) => v === true || on.includes(v as string), z.boolean());

/** A checkbox: present ("on"/"true"/"1") or absent. */
export const checkbox = flag("on", "true", "1");

/** A yes/no choice: a select's "yes", or a checkbox's "on"/"true". */
export const yesNo = flag("yes", "on", "true");

// ——— email and phone ———

export const EMAIL_MESSAGE = "Enter a valid email address";

/** An email that must be there: `Enter ${label}` when blank. */
export const requiredEmail = (label = "an email") =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .pipe(z.email({ error: EMAIL_MESSAGE }));

/** An optional email: blank is null. */
export const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.email({ error: EMAIL_MESSAGE }).max(320).nullable().optional(),
  )
  .transform((v) => v ?? null);

export const PHONE_PATTERN = /^[+()\d\s.-]{6,30}$/;
export const PHONE_MESSAGE = "Enter a phone number (digits, spaces, + ( ) -)";

/** An optional phone number: blank is null. */
export const optionalPhone = z.preprocess(blankToNull, z.string().regex(PHONE_PATTERN, { error: PHONE_MESSAGE }).nullable());

export const requiredPhone = z
  .string({ error: "Enter a phone number" })
  .trim()
  .min(1, { error: "Enter a phone number" })
  .regex(PHONE_PATTERN, { error: PHONE_MESSAGE });

// ——— dates ———

/** A calendar day as the date field sends it (yyyy-mm-dd), and one that exists. */
export const isoDate = (label = "a date") =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Enter ${label} as a date` })
    .refine((s) => !Number.isNaN(new Date(s + "T00:00:00Z").getTime()) && new Date(s + "T00:00:00Z").toISOString().startsWith(s), {
      error: "That date does not exist",
    });

export const optionalDate = (label = "a date") => z.preprocess((v) => (v === "" || v === undefined ? null : v), isoDate(label).nullable());

/** An optional date and time (a datetime-local field): blank is null. */
export const optionalDateTime = (label: string) =>
  z.preprocess(
    (v) => {
      if (v === "" || v === null || v === undefined) return null;
      const d = new Date(String(v));
      return Number.isNaN(d.getTime()) ? "invalid" : d;
    },
    z.date({ error: `Enter ${label}` }).nullable(),
  );

// ——— numbers ———

// Plain decimal notation only ("12", "-3.5", "7,5"): "0x1F", "1e2" or "Infinity" are not what a person typed as a mark.
const DECIMAL = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;
const toNumber = (v: string) => (DECIMAL.test(v.trim()) ? Number(v.trim().replace(",", ".")) : Number.NaN);

/** "" or missing → null; otherwise a finite number, with a message a teacher understands. */
export const optionalNumber = (label = "a number") =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? (v.trim() === "" ? null : toNumber(v)) : v),
    z
      .number({ error: `Enter ${label}` })
      .refine(Number.isFinite, { error: `Enter ${label}` })
      .nullable(),
  );

export const requiredNumber = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? (v.trim() === "" ? undefined : toNumber(v)) : v),
    z.number({ error: `Enter ${label}` }).refine(Number.isFinite, { error: `Enter ${label}` }),
  );
