import { describe, expect, it } from "vitest";
import { optionalNumber, requiredNumber } from "@/lib/schemas";

describe("numbers typed into forms", () => {
  const req = requiredNumber("the weight");
  const opt = optionalNumber("a score");

  it.each([
    ["12", 12],
    [" 7.5 ", 7.5],
    ["7,5", 7.5],
    ["-3", -3],
    [".5", 0.5],
    ["+4", 4],
  ])("reads %j as %d", (text, value) => {
    expect(req.parse(text)).toBe(value);
    expect(opt.parse(text)).toBe(value);
  });

  it.each(["0x1F", "1e2", "Infinity", "NaN", "12abc", "1.2.3", "--1", "½"])("refuses %j with the field's own words", (text) => {
    const r = req.safeParse(text);
    expect(r.success ? "" : r.error.issues[0].message).toBe("Enter the weight");
    expect(opt.safeParse(text).success).toBe(false);
  });

  it("empty is missing for a required number and nothing for an optional one", () => {
    expect(req.safeParse("").success).toBe(false);
    expect(req.safeParse("   ").success).toBe(false);
    expect(opt.parse("")).toBeNull();
    expect(opt.parse("  ")).toBeNull();
    expect(opt.parse(null)).toBeNull();
  });

  it("numbers that are already numbers pass through; non-finite ones do not", () => {
    expect(req.parse(3)).toBe(3);
    expect(req.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(opt.safeParse(Number.NaN).success).toBe(false);
  });
});
