// A CSV preview must not let one upload hold the server: a file over the row limit is refused
// without reading past it, an upload over the size limit is refused before (or the moment)
// it passes the limit, and a big file is read in slices so other requests are answered meanwhile.
import { describe, expect, it } from "vitest";
import { previewImport } from "@/db/queries/imports";
import { parseCsv } from "@/lib/import/csv";
import { MAX_IMPORT_BODY_BYTES, MAX_IMPORT_ROWS } from "@/lib/import/limits";
import { previewImportAction } from "@/app/(staff)/imports/actions";
import { POST as previewRoute } from "@/app/api/imports/preview/route";
import { POST as commitRoute } from "@/app/api/imports/commit/route";
import { makeCourse } from "../support/academy";
import { databaseChecksum } from "../support/actions";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

const MAP = { candidateNumber: "Candidate number", courseCode: "Course code", assessment: "Assessment", score: "Score" };
const HEADER = "Candidate number,Course code,Assessment,Score";
const rowsOf = (n: number, code = "C1") => Array.from({ length: n }, (_, i) => `NB-${String(i).padStart(6, "0")},${code},Quiz,${i % 20}`);

/** A body that makes its bytes only when read, and counts how many were taken. */
function countedBody(totalBytes: number, chunk = 1 << 20) {
  const piece = new Uint8Array(chunk).fill(0x20);
  const taken = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (taken.bytes >= totalBytes) return controller.close();
      taken.bytes += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, taken };
}

describe("import preview under load", () => {
  it("refuses a file over the row limit with a clear message, without reading past the limit", async () => {
    const admin = await makeUser("admin");
    // Past the limit: a row with an unterminated quote and a ragged row. Read, they would be reported.
    const text = [HEADER, ...rowsOf(MAX_IMPORT_ROWS + 1), "NB-X,C1,Quiz,5,extra", '"NB-Y,C1,Quiz,5'].join("\n");
    const parsed = parseCsv(text);
    expect(parsed.examined).toBe(MAX_IMPORT_ROWS + 1);
    expect(parsed.rows.length).toBeLessThanOrEqual(MAX_IMPORT_ROWS);

    const before = await databaseChecksum();
    const plan = await previewImport(admin, "marks", text, MAP);
    expect(plan.fileErrors).toEqual(["The file has more than 1,00,000 rows; the limit is 1,00,000 per file. Split it and import the parts."]);
    expect(plan.counts).toMatchObject({ create: 0, update: 0, unchanged: 0, error: 0 });
    signInAs(admin);
    const viaScreen = await previewImportAction(null, { kind: "marks", fileName: "big.csv", text, mapping: JSON.stringify(MAP), courseId: "" });
    expect(viaScreen).toMatchObject({ ok: true, data: { fileErrors: plan.fileErrors } });
    expect(await databaseChecksum()).toEqual(before);
  }, 60_000);

  it("keeps the event loop turning while a 100,000-row file is previewed", async () => {
    const { teacher, course } = await makeCourse({ candidates: 1 });
    const text = [HEADER, ...rowsOf(MAX_IMPORT_ROWS, course.code)].join("\n");
    let ticks = 0;
    let previewing = true;
    const tick = () => {
      ticks += 1;
      if (previewing) setImmediate(tick);
    };
    setImmediate(tick);
    const plan = await previewImport(teacher, "marks", text, MAP).finally(() => (previewing = false));
    expect(plan.counts).toMatchObject({ rows: MAX_IMPORT_ROWS, error: MAX_IMPORT_ROWS });
    // Turns other requests could have used: dozens while reading, dozens more while checking rows.
    expect(ticks).toBeGreaterThan(40);
  }, 60_000);

  it("refuses an upload whose declared size is over the limit before reading any of it", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    for (const [name, handler] of [
      ["preview", previewRoute],
      ["commit", commitRoute],
    ] as const) {
      const { stream, taken } = countedBody(MAX_IMPORT_BODY_BYTES + (8 << 20));
      const init = {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(MAX_IMPORT_BODY_BYTES + (8 << 20)) },
        body: stream,
        duplex: "half",
      };
      const res = await handler(new Request(`http://localhost:3000/api/imports/${name}`, init as RequestInit));
      expect(res.status, name).toBe(413);
      expect(await res.json(), name).toMatchObject({ ok: false, message: expect.stringMatching(/^The upload is larger than \d+ MB; nothing was read/) });
      // At most the one chunk a stream makes ready on its own.
      expect(taken.bytes, name).toBeLessThanOrEqual(1 << 20);
    }
  });

  it("cuts off an upload sent without its size the moment it passes the limit", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    const { stream, taken } = countedBody(MAX_IMPORT_BODY_BYTES + (16 << 20));
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" };
    const res = await previewRoute(new Request("http://localhost:3000/api/imports/preview", init as RequestInit));
    expect(res.status).toBe(413);
    expect(taken.bytes).toBeGreaterThan(MAX_IMPORT_BODY_BYTES);
    expect(taken.bytes).toBeLessThanOrEqual(MAX_IMPORT_BODY_BYTES + (2 << 20));
  });
});
