import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MARK_STATUSES } from "@/lib/constants";
import { parseCell } from "@/lib/gradebook/cell";
import { validateMark } from "@/lib/gradebook/mark";

describe("the mark rule (validateMark)", () => {
  it("accepts a score from 0 to the maximum, and no score at all", () => {
    expect(validateMark({ score: 0, status: "graded" }, 20)).toBeNull();
    expect(validateMark({ score: 20, status: "graded" }, 20)).toBeNull();
    expect(validateMark({ score: 12.5, status: "late" }, 20)).toBeNull();
    expect(validateMark({ score: null, status: "graded" }, 20)).toBeNull();
    expect(validateMark({ score: null, status: "late" }, 20)).toBeNull();
    for (const status of ["absent", "missing", "excused"] as const) expect(validateMark({ score: null, status }, 20)).toBeNull();
  });

  it("says what is wrong, in words", () => {
    expect(validateMark({ score: 21, status: "graded" }, 20)).toBe("Above the maximum of 20");
    expect(validateMark({ score: 20.01, status: "late" }, 20)).toBe("Above the maximum of 20");
    expect(validateMark({ score: -1, status: "graded" }, 20)).toBe("A score cannot be negative");
    expect(validateMark({ score: Number.NaN, status: "graded" }, 20)).toBe("Enter a number");
    expect(validateMark({ score: Number.POSITIVE_INFINITY, status: "graded" }, 20)).toBe("Enter a number");
    expect(validateMark({ score: 5, status: "absent" }, 20)).toBe("A mark marked absent has no score");
    expect(validateMark({ score: 0, status: "missing" }, 20)).toBe("A mark marked missing has no score");
    expect(validateMark({ score: 5, status: "excused" }, 20)).toBe("A mark marked excused has no score");
  });

  it("a value is refused exactly when it is out of range or a no-score status carries one", () => {
    fc.assert(
      fc.property(
        fc.option(fc.double(), { nil: null }),
        fc.constantFrom(...MARK_STATUSES),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        (score, status, max) => {
          const bad =
            (score !== null && (!Number.isFinite(score) || score < 0 || score > max)) ||
            (score !== null && (status === "absent" || status === "missing" || status === "excused"));
          expect(validateMark({ score, status }, max) !== null).toBe(bad);
        },
      ),
    );
  });
});

describe("a typed cell follows the same rule", () => {
  it("whatever a cell accepts, the rule accepts (so the grid, saveMark and the importer agree)", () => {
    const typed = fc.oneof(
      fc.double({ min: -50, max: 150, noNaN: true }).map((n) => String(Math.round(n * 100) / 100)),
      fc.double({ min: -50, max: 150, noNaN: true }).map((n) => `${Math.round(n * 10) / 10}L`),
      fc.constantFrom("", "AB", "MI", "EX", "ab", "15", "15L", "1e2", "abc", "9".repeat(400)),
    );
    fc.assert(
      fc.property(typed, fc.integer({ min: 1, max: 100 }), (text, max) => {
        const parsed = parseCell(text, max);
        if (parsed.ok) expect(validateMark(parsed.value, max)).toBeNull();
      }),
    );
  });

  it("a number the rule refuses is refused by the cell with the rule's own words", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 200 }), fc.boolean(), fc.integer({ min: 1, max: 100 }), (n, late, max) => {
        const parsed = parseCell(late ? `${n}L` : String(n), max);
        const rule = validateMark({ score: n, status: late ? "late" : "graded" }, max);
        expect(parsed.ok ? null : parsed.error).toBe(rule);
      }),
    );
  });
});
