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
    expect(parseClipboardBlock("1\t2\r\n3\t4\r\n")).toEqual([["1", "2"], ["3", "4"]]);
    expect(parseClipboardBlock("15\n18\n")).toEqual([["15"], ["18"]]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
