import { describe, expect, it } from "vitest";
import { formatCell, median, parseCell, parseClipboardBlock } from "@/lib/gradebook/cell";

describe("gradebook cells", () => {
  it("reads scores, statuses and late marks", () => {
    expect(parseCell("15", 20)).toEqual({ ok: true, value: { score: 15, status: "graded" } });
    expect(parseCell(" 12,5 ", 20)).toEqual({ ok: true, value: { score: 12.5, status: "graded" } });
    expect(parseCell("ab", 20)).toEqual({ ok: true, value: { score: null, status: "absent" } });
    expect(parseCell("MI", 20)).toEqual({ ok: true, value: { score: null, status: "missing" } });
    expect(parseCell("ex", 20)).toEqual({ ok: true, value: { score: null, status: "excused" } });
    expect(parseCell("14L", 20)).toEqual({ ok: true, value: { score: 14, status: "late" } });
    expect(parseCell("", 20)).toEqual({ ok: true, value: { score: null, status: "graded" } });
  });

  it("explains what is wrong", () => {
    expect(parseCell("21", 20)).toEqual({ ok: false, error: "Above the maximum of 20" });
    expect(parseCell("-1", 20)).toEqual({ ok: false, error: "A score cannot be negative" });
    expect(parseCell("abc", 20)).toMatchObject({ ok: false });
  });

  it("shows what it reads", () => {
    for (const text of ["15", "AB", "MI", "EX", "14L", "12.5", ""]) {
      const parsed = parseCell(text, 20);
      expect(parsed.ok && formatCell(parsed.value)).toBe(text);
    }
  });

  it("splits a pasted spreadsheet block and takes a median", () => {
    expect(parseClipboardBlock("1\t2\r\n3\t4\r\n")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseClipboardBlock("15\n18\n")).toEqual([["15"], ["18"]]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

import { packGrid, unpackCell } from "@/lib/gradebook/pack";

describe("packed gradebook grid", () => {
  it("round-trips every mark and leaves empty cells empty", () => {
    const marks = [
      { candidateId: 10, assessmentId: 2, score: 15, status: "graded" as const, feedback: "Good", version: 3 },
      { candidateId: 11, assessmentId: 1, score: null, status: "absent" as const, feedback: null, version: 1 },
      { candidateId: 11, assessmentId: 2, score: 12.5, status: "late" as const, feedback: null, version: 2 },
      { candidateId: 99, assessmentId: 2, score: 1, status: "graded" as const, feedback: null, version: 1 },
    ];
    const p = packGrid([10, 11], [1, 2], marks);
    expect(p.statuses).toBe(".gal");
    expect(unpackCell(p, 0)).toBeNull();
    expect(unpackCell(p, 1)).toEqual({ score: 15, status: "graded", feedback: "Good", version: 3 });
    expect(unpackCell(p, 2)).toEqual({ score: null, status: "absent", feedback: null, version: 1 });
    expect(unpackCell(p, 3)).toEqual({ score: 12.5, status: "late", feedback: null, version: 2 });
  });
});

import { packFromStrings } from "@/lib/gradebook/pack";

describe("grid from SQLite's packed strings", () => {
  it("reads scores, statuses, versions and feedback, ignoring strangers", () => {
    const p = packFromStrings(
      [10, 11],
      [1, 2],
      [
        { candidateId: 10, cells: "2,15.5,graded,3;1,,absent,1" },
        { candidateId: 99, cells: "1,1,graded,1" },
      ],
      [{ candidateId: 10, assessmentId: 2, feedback: "Good" }],
    );
    expect(unpackCell(p, 0)).toEqual({ score: null, status: "absent", feedback: null, version: 1 });
    expect(unpackCell(p, 1)).toEqual({ score: 15.5, status: "graded", feedback: "Good", version: 3 });
    expect(unpackCell(p, 2)).toBeNull();
  });
});
