import { describe, expect, it } from "vitest";
import { gradingScaleSchema } from "@/lib/forms/grading-scale";
import {
  checkbox,
  idSchema,
  isoDate,
  nullableText,
  optionalDate,
  optionalDateTime,
  optionalEmail,
  optionalId,
  optionalNumber,
  optionalPhone,
  optionalText,
  requiredEmail,
  requiredId,
  requiredNumber,
  requiredText,
  yesNo,
} from "@/lib/forms/fields";

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

describe("the field kit", () => {
  it("ids: a missing one is named; an optional one may be blank or 0", () => {
    expect(idSchema.parse("7")).toBe(7);
    const r = idSchema.safeParse("");
    expect(r.success ? "" : r.error.issues[0].message).toBe("Missing id");
    expect(requiredId("Choose a program").safeParse("x").error?.issues[0].message).toBe("Choose a program");
    expect(optionalId.parse("")).toBeNull();
    expect(optionalId.parse("0")).toBeNull();
    expect(optionalId.parse("3")).toBe(3);
  });

  it("text: trimmed; blank is left out, null, or 'Enter …'", () => {
    expect(optionalText().parse("  ")).toBeUndefined();
    expect(nullableText(10).parse("  ")).toBeNull();
    expect(nullableText(3).safeParse("abcd").error?.issues[0].message).toBe("Use at most 3 characters");
    expect(requiredText("a name").parse("  Ada ")).toBe("Ada");
    expect(requiredText("a name").safeParse("   ").error?.issues[0].message).toBe("Enter a name");
  });

  it("checkboxes and yes/no choices read what forms send", () => {
    for (const v of ["on", "true", "1", true]) expect(checkbox.parse(v)).toBe(true);
    for (const v of [undefined, "", "false", "yes"]) expect(checkbox.parse(v)).toBe(false);
    for (const v of ["yes", "on", "true", true]) expect(yesNo.parse(v)).toBe(true);
    for (const v of ["no", "1", undefined]) expect(yesNo.parse(v)).toBe(false);
  });

  it("email, phone and dates say what is wrong", () => {
    expect(requiredEmail("your email").safeParse(" ").error?.issues[0].message).toBe("Enter your email");
    expect(requiredEmail().safeParse("a@b").error?.issues[0].message).toBe("Enter a valid email address");
    expect(optionalEmail.parse("")).toBeNull();
    expect(optionalPhone.parse(" +91 98765 43210 ")).toBe("+91 98765 43210");
    expect(optionalPhone.safeParse("call me").error?.issues[0].message).toBe("Enter a phone number (digits, spaces, + ( ) -)");
    expect(isoDate("the date").safeParse("01-06-2026").error?.issues[0].message).toBe("Enter the date as a date");
    expect(isoDate().safeParse("2026-02-30").error?.issues[0].message).toBe("That date does not exist");
    expect(optionalDate().parse("")).toBeNull();
    expect(optionalDateTime("a due date").parse("")).toBeNull();
    expect(optionalDateTime("a due date").safeParse("soon").error?.issues[0].message).toBe("Enter a due date");
  });
});

describe("grading scale bands", () => {
  const parse = (gradePoints: string) => gradingScaleSchema.safeParse({ name: "Scale", letter: ["A"], minPercent: ["80"], gradePoints: [gradePoints] });
  it("takes grade points in plain decimals, blank as none", () => {
    expect(parse("9.5")).toMatchObject({ success: true, data: { bands: [{ letter: "A", minPercent: 80, gradePoints: 9.5 }] } });
    expect(parse("8,5")).toMatchObject({ success: true, data: { bands: [{ gradePoints: 8.5 }] } });
    expect(parse("")).toMatchObject({ success: true, data: { bands: [{ gradePoints: null }] } });
  });
  it("refuses notations nobody types as grade points, and out-of-range values", () => {
    for (const bad of ["1e1", "0x0A", "Infinity", "ten", "-1", "101"]) expect(parse(bad).success, bad).toBe(false);
  });
});
