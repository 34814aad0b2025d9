// The CSV importer under random and hostile files, through the same doors as the screen:
// parse → preview (the server action) → commit (the streaming route) → undo.
// What it promises (db/queries/imports.ts): preview writes nothing and reports every bad
// row with its line and why; a commit is all or nothing — one bad row or a file-level
// problem refuses the whole file and changes nothing; a good file writes exactly its marks,
// importing it again changes nothing, and undo puts the marks back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { marks } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { createCandidate } from "@/db/queries/candidates";
import { parseCsv } from "@/lib/import/csv";
import { autoMap, IMPORT_FIELDS } from "@/lib/import/fields";
import type { ActionResult } from "@/lib/action";
import type { MarkStatus } from "@/lib/constants";
import { previewImportAction, undoImportAction } from "@/app/(staff)/imports/actions";
import { POST as commitRoute } from "@/app/api/imports/commit/route";
import { addWorkedExample, makeCourse } from "../support/academy";
import { databaseChecksum } from "../support/actions";
import { makeUser } from "../support/factories";
import { nastyString } from "../support/fuzz";
import { signInAs } from "../support/session";

// FUZZ_STATS=1 prints how the files ended (file error, row errors, committed).
const stats: Record<string, number> = {};
const tally = (k: string) => void (stats[k] = (stats[k] ?? 0) + 1);
afterAll(() => {
  if (process.env.FUZZ_STATS) console.log(JSON.stringify(stats));
});

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
// FUZZ_SCALE=10 for a long hunt (the time limits grow with it).
const SCALE = Number(process.env.FUZZ_SCALE) || 1;
const TIMEOUT = 60_000 * SCALE;
const opts = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * SCALE), endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) });
// (Row errors quote the cell they are about, so a cell's own text may appear in them.)
const LEAK = /SQLITE|libsql|constraint failed|TypeError|ReferenceError|RangeError|\bat \S+ \(|\.ts:\d+|Something went wrong/i;

type Kind = "marks" | "attendance" | "candidates";
type Preview = {
  counts: { rows: number; create: number; update: number; unchanged: number; error: number };
  fileErrors: string[];
  errors: { line: number; errors: string[]; summary: string }[];
};

// ——— the institution ———

type Assessment = { id: number; name: string; maxScore: number };
let admin: Awaited<ReturnType<typeof makeUser>>;
let teacher: { id: number; sessionVersion?: number };
let courseCode = "";
let numbers: string[] = [];
let candidateIds: number[] = [];
let assessments: Assessment[] = [];
let outsider = "";

beforeAll(async () => {
  admin = await makeUser("admin");
  const c = await makeCourse({ candidates: 4 });
  teacher = c.teacher;
  courseCode = c.course.code;
  numbers = c.candidates.map((x) => x.candidateNumber);
  candidateIds = c.candidates.map((x) => x.id);
  const w = await addWorkedExample(c.course.id);
  assessments = [w.quiz, w.midterm, w.project].map((a) => ({ id: a.id, name: a.name, maxScore: a.maxScore }));
  // A candidate who exists but is not enrolled in the course.
  outsider = (await createCandidate(SYSTEM, { fullName: "Not Enrolled", status: "active", consentToEmail: false, guardians: [] })).candidateNumber;
});

// ——— writing CSV files ———

const NEWLINES = ["\n", "\r\n", "\r"] as const;
type Layout = { bom: boolean; newline: (typeof NEWLINES)[number] | "mixed"; blankBefore: number[]; trailing: number; quoteAll: boolean };

function quote(cell: string, force: boolean): string {
  return force || /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The text of a file, and for each data row the line a spreadsheet shows it on (the header
 * is line 1; blank lines count, as they are rows in a spreadsheet too).
 */
function writeCsv(header: string[], rows: string[][], layout: Layout, pickNewline: (i: number) => string): { text: string; lines: number[] } {
  let text = layout.bom ? "\uFEFF" : "";
  let line = 1;
  const lines: number[] = [];
  // In a mixed file a "\r" then a "\n" would read as one CRLF: write that pair as "\r" "\r\n".
  const nl = (i: number) => {
    const n = layout.newline === "mixed" ? pickNewline(i) : layout.newline;
    return n === "\n" && text.endsWith("\r") ? "\r\n" : n;
  };
  text += header.map((h) => quote(h, layout.quoteAll)).join(",");
  rows.forEach((r, i) => {
    for (let b = 0; b < (layout.blankBefore[i] ?? 0); b++) {
      text += nl(line) + (b % 2 ? "  " : "");
      line += 1;
    }
    text += nl(line) + r.map((c) => quote(c, layout.quoteAll)).join(",");
    line += 1;
    lines.push(line);
  });
  for (let t = 0; t < layout.trailing; t++) text += nl(line + t);
  return { text, lines };
}

const layoutArb = (rows: number) =>
  fc.record({
    bom: fc.boolean(),
    newline: fc.constantFrom<Layout["newline"]>("\n", "\r\n", "\r", "mixed"),
    blankBefore: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }), {
      minLength: rows,
      maxLength: rows,
    }),
    trailing: fc.integer({ min: 0, max: 2 }),
    quoteAll: fc.boolean(),
  });

// ——— calling the importer the way the screen does ———

async function preview(kind: Kind, text: string, mapping: Record<string, string>, as: { id: number; sessionVersion?: number }): Promise<ActionResult<Preview>> {
  signInAs(as);
  return (await previewImportAction(null, { kind, fileName: "fuzz.csv", text, mapping: JSON.stringify(mapping), courseId: "" })) as ActionResult<Preview>;
}

/** The commit route streams NDJSON: progress lines, then the result. */
async function commit(
  kind: Kind,
  text: string,
  mapping: Record<string, string>,
  as: { id: number; sessionVersion?: number },
): Promise<ActionResult<{ importId: number; counts: Preview["counts"] }>> {
  signInAs(as);
  const res = await commitRoute(
    new Request("http://localhost:3000/api/imports/commit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind, fileName: "fuzz.csv", text, mapping, courseId: null }),
    }),
  );
  const body = await res.text();
  if (!res.headers.get("content-type")?.includes("ndjson")) return JSON.parse(body);
  const lines = body
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const l of lines.slice(0, -1)) expect(l, "only progress before the result").toHaveProperty("progress");
  return lines.at(-1) as ActionResult<{ importId: number; counts: Preview["counts"] }>;
}

function expectHumane(text: unknown, where: string) {
  expect(typeof text === "string" && text.trim() !== "" && !LEAK.test(text), `${where}: ${String(text).slice(0, 300)}`).toBe(true);
}

/** The invariants of any preview: counts add up, every bad row has a line in the file and a reason. */
function checkPreview(p: Preview, text: string, where: string) {
  for (const e of p.fileErrors) expectHumane(e, `${where} file error`);
  const { rows, create, update, unchanged, error } = p.counts;
  if (p.fileErrors.length) {
    expect(create + update + unchanged + error, where).toBe(0);
    return;
  }
  expect(create + update + unchanged + error, where).toBe(rows);
  expect(p.errors.length, where).toBe(Math.min(error, 1000));
  const lastLine = text.split(/\r\n|\r|\n/).length;
  for (const r of p.errors) {
    expect(Number.isInteger(r.line) && r.line >= 2 && r.line <= lastLine, `${where}: line ${r.line} of ${lastLine}`).toBe(true);
    expect(r.errors.length, `${where}: line ${r.line} has no reason`).toBeGreaterThan(0);
    for (const m of r.errors) expectHumane(m, `${where}: line ${r.line}`);
  }
}

// ——— marks: files that are fine, and files with one thing wrong per row ———

type Expected = { score: number | null; status: MarkStatus };

/** A score as a person types it, with what it means. */
const scoreArb = (max: number): fc.Arbitrary<[string, Expected]> =>
  fc.oneof(
    fc.integer({ min: 0, max }).map((n): [string, Expected] => [String(n), { score: n, status: "graded" }]),
    fc.integer({ min: 0, max: max * 100 }).map((n): [string, Expected] => [(n / 100).toFixed(2), { score: n / 100, status: "graded" }]),
    fc.integer({ min: 0, max }).map((n): [string, Expected] => [`${n}L`, { score: n, status: "late" }]),
    fc.constantFrom<[string, Expected]>(
      ["AB", { score: null, status: "absent" }],
      ["absent", { score: null, status: "absent" }],
      ["MI", { score: null, status: "missing" }],
      ["ex", { score: null, status: "excused" }],
      ["", { score: null, status: "graded" }],
    ),
  );

/** Feedback people write, and what a spreadsheet might hold: quotes, commas, newlines, formulas, scripts. */
const feedbackArb = fc.oneof(
  fc.constant(""),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+2",
    "@SUM(A1)",
    'She said "well done", twice',
    "line one\nline two",
    "a;b;c|d|e\tf",
    "<b>bold</b>",
    "'; DROP TABLE marks; --",
    "شكرا — 谢谢 — 🎉",
  ),
  fc.string({ unit: fc.constantFrom("a", " ", ",", '"', "\n", "\r\n", ";", "|", "\t", "=", "é", "😀"), maxLength: 40 }),
);

const MARK_HEADER = ["Candidate number", "Course code", "Assessment", "Score", "Feedback"];

type MarkRow = { cells: string[]; pair?: [number, number]; expected?: Expected & { feedback: string | null }; defect?: RegExp | "duplicate" | "junk" };

/** A valid marks file: distinct candidate × assessment pairs, each with a score and feedback. */
const validMarksArb = fc
  .uniqueArray(fc.tuple(fc.nat(3), fc.nat(2)), { minLength: 1, maxLength: 12, selector: ([c, a]) => `${c}:${a}` })
  .chain((pairs) =>
    fc.tuple(
      fc.constant(pairs),
      fc.tuple(...pairs.map(([, a]) => scoreArb(assessments[a].maxScore))),
      fc.array(feedbackArb, { minLength: pairs.length, maxLength: pairs.length }),
      fc.array(fc.constantFrom("exact", "lower", "upper"), { minLength: pairs.length, maxLength: pairs.length }),
      layoutArb(pairs.length),
    ),
  )
  .map(([pairs, scores, feedback, cases, layout]) => {
    const rows: MarkRow[] = pairs.map(([c, a], i) => {
      const name = assessments[a].name;
      const shown = cases[i] === "lower" ? name.toLowerCase() : cases[i] === "upper" ? name.toUpperCase() : name;
      const fb = feedback[i];
      // Line endings inside a cell are stored as \n, like those between rows; cells are trimmed.
      const stored = fb.replace(/\r\n?/g, "\n").trim();
      return { cells: [numbers[c], courseCode, shown, scores[i][0], fb], pair: [c, a], expected: { ...scores[i][1], feedback: stored === "" ? null : stored } };
    });
    return { rows, layout };
  });

/** One thing wrong with a row, and the reason the preview must give. */
const DEFECTS: { make: (cells: string[], a: Assessment) => string[]; reason: RegExp }[] = [
  { make: (c) => ["NOPE-" + c[0], ...c.slice(1)], reason: /Unknown candidate/ },
  { make: (c) => ["", ...c.slice(1)], reason: /No candidate number/ },
  { make: (c) => [outsider, ...c.slice(1)], reason: /not enrolled/ },
  { make: (c) => [c[0], "XX-999", ...c.slice(2)], reason: /Unknown course/ },
  { make: (c) => [c[0], c[1], "Essay", ...c.slice(3)], reason: /No assessment “Essay”/ },
  { make: (c, a) => [...c.slice(0, 3), String(a.maxScore + 1), c[4]], reason: /Above the maximum/ },
  { make: (c, a) => [...c.slice(0, 3), `${a.maxScore}.01`, c[4]], reason: /Above the maximum/ },
  { make: (c) => [...c.slice(0, 3), "-1", c[4]], reason: /negative/ },
  { make: (c) => [...c.slice(0, 3), "NaN", c[4]], reason: /Not a number/ },
  { make: (c) => [...c.slice(0, 3), "Infinity", c[4]], reason: /Not a number/ },
  { make: (c) => [...c.slice(0, 3), "1e308", c[4]], reason: /Not a number/ },
  { make: (c) => [...c.slice(0, 3), "9".repeat(400), c[4]], reason: /Not a number|Above the maximum/ },
  { make: (c) => [...c.slice(0, 3), "=1+1", c[4]], reason: /Not a number/ },
  { make: (c) => [...c.slice(0, 3), "0x10", c[4]], reason: /Not a number/ },
  { make: (c) => [...c.slice(0, 4), "x".repeat(2001)], reason: /longer than 2,000/ },
];

const hostileMarksArb = validMarksArb.chain(({ rows, layout }) =>
  fc
    .tuple(
      fc.array(
        fc.oneof({ weight: 2, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.nat(DEFECTS.length - 1) }, { weight: 1, arbitrary: fc.constant(-2) }),
        { minLength: rows.length, maxLength: rows.length },
      ),
      fc.array(fc.tuple(nastyString, nastyString, nastyString, nastyString, nastyString), { maxLength: 2 }),
    )
    .map(([defects, junk]) => {
      const out: MarkRow[] = rows.map((r, i) => {
        const d = defects[i];
        // A second copy of the first row (when that one is fine): refused as a duplicate of its line.
        if (d === -2 && i > 0 && defects[0] === -1) return { cells: [...rows[0].cells.slice(0, 3), "1", ""], defect: "duplicate" as const };
        if (d < 0) return r;
        return { cells: DEFECTS[d].make(r.cells, assessments[r.pair![1]]), defect: DEFECTS[d].reason };
      });
      // Rows of pure junk, somewhere in the file.
      for (const j of junk) out.splice(out.length ? j[0].length % (out.length + 1) : 0, 0, { cells: j.map((x) => x.slice(0, 3000)), defect: "junk" as const });
      return { rows: out, layout: { ...layout, blankBefore: out.map((_, i) => layout.blankBefore[i] ?? 0) } };
    }),
);

async function marksOf(pairs: [number, number][]) {
  const rows = await db
    .select()
    .from(marks)
    .where(
      and(
        inArray(
          marks.assessmentId,
          assessments.map((a) => a.id),
        ),
        inArray(marks.candidateId, candidateIds),
      ),
    );
  const by = new Map(rows.map((m) => [`${m.assessmentId}:${m.candidateId}`, m]));
  return pairs.map(([c, a]) => {
    const m = by.get(`${assessments[a].id}:${candidateIds[c]}`);
    return m ? { score: m.score, status: m.status, feedback: m.feedback } : { score: null, status: "graded", feedback: null };
  });
}

const newlinePick = (seed: number) => (i: number) => NEWLINES[(i * 7 + seed) % 3];

describe("fuzz: CSV import", () => {
  it(
    "parseCsv never throws, whatever the text",
    () => {
      const text = fc.oneof(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({
          unit: fc.constantFrom("a", "1", ",", ";", "\t", '"', "\n", "\r", "\r\n", " ", "\uFEFF", "\u0000", "\uD800", "=", "é", "😀"),
          maxLength: 300,
        }),
        fc.array(fc.array(nastyString, { maxLength: 6 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(",")).join("\n")),
      );
      fc.assert(
        fc.property(text, (t) => {
          const p = parseCsv(t);
          expect(Array.isArray(p.headers) && Array.isArray(p.rows) && Array.isArray(p.errors)).toBe(true);
          for (const r of p.rows) for (const h of p.headers) expect(typeof (r[h] ?? "")).toBe("string");
        }),
        opts(400),
      );
    },
    TIMEOUT,
  );

  it(
    "a good marks file commits exactly its marks; again, it changes nothing; undo puts them back",
    async () => {
      await fc.assert(
        fc.asyncProperty(validMarksArb, fc.nat(2), fc.constantFrom<"admin" | "teacher">("admin", "teacher"), async ({ rows, layout }, nlSeed, who) => {
          const as = who === "admin" ? admin : teacher;
          const pairs = rows.map((r) => r.pair!);
          const { text } = writeCsv(
            MARK_HEADER,
            rows.map((r) => r.cells),
            layout,
            newlinePick(nlSeed),
          );
          const where = `file ${JSON.stringify(text.slice(0, 400))}`;
          const mapping = autoMap("marks", parseCsv(text).headers);
          const before = await marksOf(pairs);
          const checksum = await databaseChecksum();

          const p = await preview("marks", text, mapping, as);
          expect(p, where).toMatchObject({ ok: true });
          if (!p.ok) return;
          checkPreview(p.data, text, where);
          expect(p.data.fileErrors, where).toEqual([]);
          expect(p.data.counts, where).toMatchObject({ rows: rows.length, error: 0 });
          expect(await databaseChecksum(), `${where}: preview wrote`).toEqual(checksum);

          const first = await commit("marks", text, mapping, as);
          expect(first, where).toMatchObject({ ok: true });
          if (!first.ok) return;
          expect(first.data.counts, where).toEqual(p.data.counts);
          expect(await marksOf(pairs), where).toEqual(rows.map((r) => r.expected));

          const afterFirst = await databaseChecksum();
          const again = await commit("marks", text, mapping, as);
          expect(again, where).toMatchObject({ ok: true, data: { counts: { rows: rows.length, create: 0, update: 0, unchanged: rows.length, error: 0 } } });
          const afterAgain = await databaseChecksum();
          for (const t of ["marks", "mark_changes", "course_results", "alerts", "tasks"])
            expect(afterAgain[t], `${where}: re-import changed ${t}`).toBe(afterFirst[t]);

          signInAs(as);
          const undone = await undoImportAction(null, { id: first.data.importId });
          expect(undone, where).toMatchObject({ ok: true });
          expect(await marksOf(pairs), `${where}: undo`).toEqual(before);
        }),
        opts(30),
      );
    },
    TIMEOUT,
  );

  it(
    "a marks file with bad rows: each reported on its line with its reason, and the commit changes nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileMarksArb, fc.nat(2), fc.constantFrom<"admin" | "teacher">("admin", "teacher"), async ({ rows, layout }, nlSeed, who) => {
          const as = who === "admin" ? admin : teacher;
          const { text, lines } = writeCsv(
            MARK_HEADER,
            rows.map((r) => r.cells),
            layout,
            newlinePick(nlSeed),
          );
          const where = `file ${JSON.stringify(text.length > 600 ? text.slice(0, 600) + "…" : text)}`;
          const mapping = autoMap("marks", parseCsv(text).headers);
          const checksum = await databaseChecksum();

          const p = await preview("marks", text, mapping, as);
          expect(p, where).toMatchObject({ ok: true });
          if (!p.ok) return;
          checkPreview(p.data, text, where);
          expect(await databaseChecksum(), `${where}: preview wrote`).toEqual(checksum);
          if (!rows.some((r) => r.defect === "junk")) {
            // Every row is on the line a spreadsheet shows it on, with the reason it is refused.
            expect(p.data.fileErrors, where).toEqual([]);
            const byLine = new Map(p.data.errors.map((e) => [e.line, e.errors.join("; ")]));
            rows.forEach((r, i) => {
              if (!r.defect)
                return expect(
                  byLine.has(lines[i]),
                  `${where}: line ${lines[i]} (row ${i}: ${JSON.stringify(r.cells)}) should be fine, got ${byLine.get(lines[i])}; lines ${lines}`,
                ).toBe(false);
              const reason = r.defect === "duplicate" ? new RegExp(`Duplicate of line ${lines[0]}`) : (r.defect as RegExp);
              expect(byLine.get(lines[i]) ?? "(no error)", `${where}: line ${lines[i]}`).toMatch(reason);
            });
          }

          const c = await commit("marks", text, mapping, as);
          tally(`bad marks: ${p.data.fileErrors.length ? "file error" : p.data.counts.error ? "row errors" : "committed"}`);
          const refused = p.data.fileErrors.length > 0 || p.data.counts.error > 0;
          if (refused) {
            expect(c, where).toMatchObject({ ok: false, code: "invalid" });
            if (!c.ok) expectHumane(c.message, where);
            expect(await databaseChecksum(), `${where}: a refused import wrote`).toEqual(checksum);
          } else {
            expect(c, where).toMatchObject({ ok: true });
          }
        }),
        opts(60),
      );
    },
    TIMEOUT,
  );

  it(
    "any kind, any header, any cells: no unhandled error, and all or nothing",
    async () => {
      const kinds: Kind[] = ["marks", "attendance", "candidates"];
      const STRAY = ["__proto__", "constructor", "toString", "", "Extra", "=cmd"];
      const labels = (k: Kind) => IMPORT_FIELDS[k].map((f) => f.label);
      const keyOf = (k: Kind, header: string) => IMPORT_FIELDS[k].find((f) => f.label === header)?.key ?? "";
      // What each column usually holds, right and wrong, so that rows get past the header checks.
      const pool: Record<string, fc.Arbitrary<string>> = {
        candidateNumber: fc.constantFrom(...numbers, outsider, "NEW-001", "NEW-002", ""),
        courseCode: fc.constantFrom(courseCode, courseCode.toLowerCase(), "XX1", ""),
        assessment: fc.constantFrom("Quiz", "midterm", "PROJECT", "Essay", ""),
        score: fc.constantFrom("15", "AB", "MI", "ex", "3L", "-1", "NaN", "21", "1e3", "", "=1+1"),
        feedback: feedbackArb,
        note: feedbackArb,
        term: fc.constantFrom("", "Term 1", "nope"),
        date: fc.constantFrom("19-09-2026", "2026-09-19", "31-02-2026", "2026/09/19", "", "0000-00-00"),
        status: fc.constantFrom("present", "absent", "late", "excused", "P", "x", "active", "withdrawn", "graduated", ""),
        fullName: fc.constantFrom("Ravi Kumar", "Zoë Ñúñez", "", "<script>alert(1)</script>", '=HYPERLINK("http://x")'),
        email: fc.constantFrom("ravi@example.com", "not-an-email", ""),
        phone: fc.constantFrom("+91 98765 43210", "", "=cmd"),
        dateOfBirth: fc.constantFrom("2001-02-03", "31-02-2001", ""),
        programCode: fc.constantFrom("", "NOPE"),
        advisorEmail: fc.constantFrom("", "nobody@example.com"),
        guardianName: fc.constantFrom("Sita Kumar", "Mohan", ""),
        guardianRelationship: fc.constantFrom("Mother", ""),
        guardianEmail: fc.constantFrom("sita@example.com", "bad@", ""),
        guardianPhone: fc.constantFrom("+91 98765 00000", ""),
      };
      // Only values that are right, so that some files of every kind commit.
      const good: Record<string, fc.Arbitrary<string>> = {
        candidateNumber: fc.constantFrom(...numbers),
        courseCode: fc.constantFrom(courseCode),
        assessment: fc.constantFrom("Quiz", "midterm", "PROJECT"),
        score: fc.constantFrom("15", "AB", "MI", "ex", "3L", ""),
        term: fc.constant(""),
        date: fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        status: fc.constantFrom("present", "absent", "late", "excused", "P", "A"),
        candidateStatus: fc.constantFrom("active", "withdrawn", "graduated", ""),
        fullName: fc.constantFrom("Ravi Kumar", "Zoë Ñúñez", '=HYPERLINK("http://x")'),
        email: fc.constantFrom("ravi@example.com", ""),
        dateOfBirth: fc.constantFrom("2001-02-03", "03-02-2001", ""),
        programCode: fc.constant(""),
        advisorEmail: fc.constant(""),
        guardianEmail: fc.constantFrom("sita@example.com", ""),
      };
      const fileArb = fc.constantFrom(...kinds).chain((kind) =>
        fc
          .record({
            kind: fc.constant(kind),
            header: fc.oneof(
              {
                weight: 3,
                arbitrary: fc
                  .tuple(fc.shuffledSubarray(labels(kind), { minLength: labels(kind).length - 1 }), fc.subarray(STRAY, { maxLength: 1 }))
                  .map(([a, b]) => [...a, ...b]),
              },
              { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...labels(kind), ...STRAY), { minLength: 1, maxLength: 8 }) },
            ),
            rows: fc.integer({ min: 0, max: 8 }),
            ragged: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
            layout: layoutArb(8),
            raw: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
            mapAll: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
            clean: fc.boolean(),
            allColumns: fc.shuffledSubarray(labels(kind), { minLength: labels(kind).length }),
          })
          .map(({ allColumns, ...f }) => (f.clean ? { ...f, header: allColumns, ragged: false, raw: false, mapAll: false } : f))
          .chain((f) => {
            const key = (h: string) => keyOf(kind, h);
            const cell = (h: string) =>
              f.clean
                ? kind === "candidates" && key(h) === "candidateNumber"
                  ? fc.stringMatching(/^NEW-[0-9]{3}$/)
                  : (good[kind === "candidates" && key(h) === "status" ? "candidateStatus" : key(h)] ?? pool[key(h)] ?? fc.constant(""))
                : fc.oneof({ weight: 4, arbitrary: pool[key(h)] ?? nastyString }, { weight: 1, arbitrary: nastyString });
            const row = fc
              .tuple(...f.header.map(cell))
              .chain((cells) => (f.ragged ? fc.integer({ min: 0, max: cells.length + 2 }).map((n) => [...cells, ...cells].slice(0, n)) : fc.constant(cells)));
            return fc.array(row, { minLength: f.rows, maxLength: f.rows }).map((rows) => ({ ...f, rows }));
          }),
      );
      await fc.assert(
        fc.asyncProperty(fileArb, fc.nat(2), fc.constantFrom<"admin" | "teacher">("admin", "teacher"), async (f, nlSeed, who) => {
          const as = who === "admin" ? admin : teacher;
          // Raw: cells joined with no quoting at all, so quotes and commas in them break the file.
          const text = f.raw ? [f.header, ...f.rows].map((r) => r.join(",")).join("\n") : writeCsv(f.header, f.rows, f.layout, newlinePick(nlSeed)).text;
          const where = `${f.kind} file ${JSON.stringify(text.length > 600 ? text.slice(0, 600) + "…" : text)}`;
          // Each field mapped to the header of its label, or (mapAll) to any header at all.
          const mapping = f.mapAll
            ? Object.fromEntries(IMPORT_FIELDS[f.kind].map((fl, i) => [fl.key, f.header[i % f.header.length]]))
            : autoMap(f.kind, parseCsv(text).headers);
          const checksum = await databaseChecksum();
          const p = await preview(f.kind, text, mapping, as);
          if (who === "teacher" && f.kind === "candidates") {
            expect(p, where).toMatchObject({ ok: false, code: "forbidden" });
            return;
          }
          if (text === "") {
            // Nothing to read: refused by the input check, before any row is looked at.
            expect(p, where).toMatchObject({ ok: false, code: "invalid", fieldErrors: { text: ["The file is empty"] } });
            expect(await commit(f.kind, text, mapping, as), where).toMatchObject({ ok: false, code: "invalid" });
            return;
          }
          expect(p, where).toMatchObject({ ok: true });
          if (!p.ok) return;
          checkPreview(p.data, text, where);
          expect(await databaseChecksum(), `${where}: preview wrote`).toEqual(checksum);
          const c = await commit(f.kind, text, mapping, as);
          tally(`${f.kind}: ${p.data.fileErrors.length ? "file error" : p.data.counts.error ? "row errors" : "committed"}`);
          if (p.data.fileErrors.length || p.data.counts.error) {
            expect(c, where).toMatchObject({ ok: false, code: "invalid" });
            if (!c.ok) expectHumane(c.message, where);
            expect(await databaseChecksum(), `${where}: a refused import wrote`).toEqual(checksum);
          } else {
            expect(c, where).toMatchObject({ ok: true });
          }
        }),
        opts(60),
      );
    },
    TIMEOUT,
  );
});
