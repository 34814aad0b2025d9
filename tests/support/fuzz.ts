// Hostile inputs for the fuzz tests, and the fields of an action's schema read from zod
// itself, so the payloads aim at real field names and a new field is fuzzed without edits.
import fc from "fast-check";
import type { z } from "zod";

export const HUGE = 100_000;

/** Strings a browser, a script or a careless spreadsheet could send. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\u202Eevil\u202C",
  "שלום עולם",
  "مرحبا",
  "👩‍👩‍👧‍👦🎓🔥",
  "\uFEFF",
  "\u200B\u200D",
  "Zoë Ñúñez — 名前",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1; select * from users",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "=cmd|' /C calc'!A0",
  "+SUM(1,1)",
  "-2+3",
  "@SUM(A1)",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "-0",
  "0",
  "1e308",
  "1e309",
  "9".repeat(400),
  "0x1F",
  "1,5",
  " 42 ",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  '{"a":1}',
  "[1,2]",
  "%00%27",
  "../../etc/passwd",
  "2026-02-30",
  "9999-12-31",
  "0000-00-00",
  "a@b",
  "a@b.c",
  "x".repeat(201),
  "x".repeat(5001),
  "A".repeat(HUGE),
  "😀".repeat(HUGE / 2),
] as const;

const NASTY_NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  5e-324,
  -1,
  0,
  -0,
  0.5,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e20,
  Number.MAX_SAFE_INTEGER,
  999_999,
  2_147_483_647,
];

/** Ids that look right and point at nothing. */
export const DANGLING_IDS = [999_999, 2_147_483_647, Number.MAX_SAFE_INTEGER];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "'", '"', ",", "\n", "\u0000", "\uD83D", "=", "<", ";", "é", "\\"), maxLength: 20 }) },
);

/** Any value a server action could be handed: React serialises these (no functions, no symbols). */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS, ...DANGLING_IDS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, 10n, -1n, 2n ** 70n, new Date(NaN), new Date(8.64e15), new Date(0)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [1, 2], ["a"], [null], { a: { b: { c: 1 } } }, [[["deep"]]]) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyString, fc.integer()), { maxLength: 3 }) },
);

// ——— what a schema expects ———

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  valueType?: z.ZodType;
  format?: string;
};

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export type FieldKind =
  | { t: "id" }
  | { t: "number" }
  | { t: "string" }
  | { t: "email" }
  | { t: "date" }
  | { t: "password" }
  | { t: "boolean" }
  | { t: "enum"; values: unknown[] }
  | { t: "list"; item: FieldKind }
  | { t: "objects"; fields: Field[] }
  | { t: "record" }
  | { t: "unknown" };

export type Field = { name: string; kind: FieldKind };

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

function leafKind(s: z.ZodType, name: string): FieldKind {
  const d = defOf(s);
  if (WRAPPERS.has(d.type) && d.innerType) return leafKind(d.innerType, name);
  if (d.type === "pipe") {
    // A preprocess is pipe(transform, schema); a refinement chain is pipe(schema, schema).
    const out = leafKind(d.out!, name);
    return out.t === "unknown" ? leafKind(d.in!, name) : out;
  }
  if (d.type === "enum") return { t: "enum", values: Object.values(d.entries ?? {}) };
  if (d.type === "literal") return { t: "enum", values: d.values ?? [] };
  if (d.type === "boolean") return { t: "boolean" };
  if (d.type === "record") return { t: "record" };
  if (d.type === "date") return { t: "date" };
  if (d.type === "array") {
    const fields = objectFields(d.element!);
    return fields.length ? { t: "objects", fields } : { t: "list", item: leafKind(d.element!, name) };
  }
  if (d.type === "object") return { t: "objects", fields: objectFields(s) };
  if (d.type === "number" || d.type === "int") return /(^id$|Id$|Ids$)/.test(name) ? { t: "id" } : { t: "number" };
  if (d.type === "string") {
    if (d.format === "email" || /email|replyTo/i.test(name)) return { t: "email" };
    if (/password/i.test(name)) return { t: "password" };
    if (/On$|^date|Date|At$/.test(name)) return { t: "date" };
    return { t: "string" };
  }
  return { t: "unknown" };
}

/** Every field an object-like schema reads: through preprocess, intersections and unions. */
export function objectFields(s: z.ZodType): Field[] {
  const d = defOf(s);
  const merge = (lists: Field[][]) => {
    const byName = new Map<string, Field>();
    for (const f of lists.flat()) {
      const prev = byName.get(f.name);
      if (prev?.kind.t === "enum" && f.kind.t === "enum")
        byName.set(f.name, { name: f.name, kind: { t: "enum", values: [...prev.kind.values, ...f.kind.values] } });
      else if (!prev) byName.set(f.name, f);
    }
    return [...byName.values()];
  };
  if (WRAPPERS.has(d.type) && d.innerType) return objectFields(d.innerType);
  if (d.type === "pipe") return merge([objectFields(d.in!), objectFields(d.out!)]);
  if (d.type === "intersection") return merge([objectFields(d.left!), objectFields(d.right!)]);
  if (d.type === "union") return merge((d.options ?? []).map(objectFields));
  if (d.type === "object") return Object.entries(d.shape ?? {}).map(([name, f]) => ({ name, kind: leafKind(f, name) }));
  return [];
}

/** Field names at any depth, for checking that field errors name real fields. */
export function allFieldNames(fields: Field[]): Set<string> {
  const out = new Set<string>();
  for (const f of fields) {
    out.add(f.name);
    if (f.kind.t === "objects") for (const n of allFieldNames(f.kind.fields)) out.add(n);
  }
  return out;
}

// ——— payloads ———

const isoDay = fc.date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const smallId = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: 40 }) });
const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,11}$/), fc.constantFrom("example.com", "test.markbook", "home.test"))
  .map(([u, d]) => `${u.replace(/\.+$/, "")}@${d}`);

/** A value that fits the field, so that some calls get past validation and reach the handler. */
export function plausible(kind: FieldKind, depth = 0, name = ""): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case "id":
      return fc.oneof(smallId, smallId.map(String));
    case "number":
      if (/version/i.test(name)) return fc.constantFrom<unknown>("", 0, 1, 2);
      return fc.oneof(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100 }).map(String),
        fc.double({ min: 0, max: 100, noNaN: true }).map((n) => n.toFixed(2)),
      );
    case "string":
      if (/phone/i.test(name)) return fc.constantFrom("+91 98765 43210", "(555) 010-0199", "020 7946 0958");
      if (/colou?r/i.test(name)) return fc.stringMatching(/^#[0-9a-f]{6}$/);
      if (/code|shortName|letter/i.test(name)) return fc.stringMatching(/^[A-Z]{1,3}[0-9]{0,2}$/);
      if (/token/i.test(name)) return fc.stringMatching(/^[A-Za-z0-9_-]{10,43}$/);
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: 30 }).filter((x) => x.trim() !== ""),
        fc.constantFrom("Quiz", "Term 1", "P1", "hello world", "Ms. O’Brien-Núñez"),
      );
    case "email":
      return fc.oneof({ weight: 9, arbitrary: simpleEmail }, { weight: 1, arbitrary: fc.emailAddress() });
    case "date":
      return isoDay;
    case "password":
      return fc.constantFrom("correct-horse-battery", "a-long-enough-passphrase", "short");
    case "boolean":
      return fc.constantFrom<unknown>("on", "true", "false", true, false, "");
    case "enum":
      return kind.values.length ? fc.constantFrom(...kind.values) : fc.constant("x");
    case "list":
      return fc.array(plausible(kind.item, depth + 1, name), { maxLength: 4 });
    case "objects":
      return depth > 1
        ? fc.constant([])
        : fc.array(fc.oneof({ weight: 4, arbitrary: validPayload(kind.fields, depth + 1) }, { weight: 1, arbitrary: payload(kind.fields, depth + 1) }), {
            minLength: 1,
            maxLength: 3,
          });
    case "record":
      return fc.oneof(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), { maxKeys: 4 }),
        fc.constant("{}"),
        fc.constant("{not json"),
        fc.constant("null"),
        fc.constant("[1]"),
      );
    default:
      return nastyValue;
  }
}

const MISSING = Symbol("missing");
const extraKeys = fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "$ACTION_ID_x", "id", "role", "createdBy", "extra"), nastyValue, {
  maxKeys: 2,
});

function build(fields: Field[], values: unknown[], extras: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Own properties even for "__proto__", as JSON.parse or a decoder would make them.
  const put = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(extras)) put(k, v);
  fields.forEach((f, i) => {
    if (values[i] !== MISSING) put(f.name, values[i]);
    // A list of objects also arrives from a form as parallel arrays of its fields (letter[], minPercent[] …).
    const v = values[i];
    if (f.kind.t === "objects" && Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null)) {
      for (const sub of f.kind.fields)
        if (!(sub.name in out))
          put(
            sub.name,
            v.map((x) => (x as Record<string, unknown>)[sub.name] ?? ""),
          );
    }
  });
  // Forms repeat a password to confirm it.
  const pw = out.password ?? out.newPassword;
  if ("confirmPassword" in out && typeof pw === "string" && typeof out.confirmPassword === "string") put("confirmPassword", pw);
  return out;
}

/** Every field plausible: the calls that reach the handler. */
export function validPayload(fields: Field[], depth = 0): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(...fields.map((f) => plausible(f.kind, depth, f.name))).map((values) => build(fields, values, {}));
}

const mutation = (f: Field, depth: number) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<unknown>(MISSING) },
    { weight: 3, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.array(plausible(f.kind, depth + 1, f.name), { minLength: 2, maxLength: 3 }) },
  );

/**
 * A payload over the schema's fields: all plausible; all plausible but one field broken
 * (missing, hostile or a list); or each field at random; plus stray keys.
 */
export function payload(fields: Field[], depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const chaos = fc
    .tuple(
      fc.tuple(...fields.map((f) => fc.oneof({ weight: 3, arbitrary: plausible(f.kind, depth, f.name) }, { weight: 2, arbitrary: mutation(f, depth) }))),
      extraKeys,
    )
    .map(([v, x]) => build(fields, v, x));
  if (!fields.length) return fc.oneof(fc.constant({}), extraKeys);
  const oneBroken = fc
    .tuple(
      fc.tuple(...fields.map((f) => plausible(f.kind, depth, f.name))),
      fc.nat(fields.length - 1),
      fc.tuple(...fields.map((f) => mutation(f, depth))),
      extraKeys,
    )
    .map(([v, i, bad, x]) =>
      build(
        fields,
        v.map((val, j) => (j === i ? bad[j] : val)),
        x,
      ),
    );
  return fc.oneof({ weight: 2, arbitrary: validPayload(fields, depth) }, { weight: 3, arbitrary: oneBroken }, { weight: 2, arbitrary: chaos });
}

/** The same payload as a browser form would post it: strings (and files), repeated keys for lists. */
export function toFormData(p: Record<string, unknown>, bracketArrays: boolean): FormData {
  const fd = new FormData();
  const str = (v: unknown) =>
    v instanceof Date
      ? Number.isNaN(v.getTime())
        ? "Invalid Date"
        : v.toISOString()
      : typeof v === "object" && v !== null
        ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x))
        : String(v);
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) fd.append(bracketArrays ? `${k}[]` : k, str(item));
    // A file where text is expected: what a tampered form can post.
    else if (typeof v === "string" && v.startsWith("<script")) fd.append(k, new Blob([v], { type: "text/html" }), "x.html");
    else fd.append(k, str(v));
  }
  return fd;
}

/** A short description of a payload for failure messages (huge strings cut). */
export function describePayload(p: unknown): string {
  const seen = (_k: string, v: unknown) =>
    typeof v === "string" && v.length > 60 ? `${v.slice(0, 30)}…(${v.length} chars)` : typeof v === "bigint" ? `${v}n` : v;
  if (p instanceof FormData)
    return `FormData ${JSON.stringify(
      [...p.entries()].map(([k, v]) => [k, typeof v === "string" ? v : `<file ${v.size}b>`]),
      seen,
    )}`;
  try {
    return JSON.stringify(p, seen);
  } catch {
    return String(p);
  }
}
