import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DAY_RULES, type AttendanceStatus } from "@/lib/constants";
import { attendanceRate, fromCounts, rateFormula, DEFAULT_ATTENDANCE_POLICY, type AttendancePolicy } from "@/lib/results/attendance";
import { DEFAULT_ELIGIBILITY, judgeAttendance, policyOf, DEFAULT_ELIGIBILITY_SETTINGS } from "@/lib/results/eligibility";

const days = (spec: Partial<Record<AttendanceStatus, number>>) =>
  Object.entries(spec).flatMap(([status, n]) => Array.from({ length: n ?? 0 }, () => ({ status: status as AttendanceStatus })));

describe("attendance rate with on-duty and medical days", () => {
  // 14 present, 2 late, 2 absent, 1 excused, 2 on duty, 3 medical: 24 recorded.
  const register = days({ present: 14, late: 2, absent: 2, excused: 1, on_duty: 2, medical: 3 });

  it("by default on duty counts as present and medical is left out: (14 + 2 + 2) / (24 − 1 − 3) = 90.0 %", () => {
    const r = attendanceRate(register);
    expect(r).toMatchObject({ present: 14, late: 2, absent: 2, excused: 1, onDuty: 2, medical: 3, sessions: 24 });
    expect(r.rate).toBe(90);
    expect(r.shown).toBe(90);
    expect(rateFormula()).toBe("(present + late + on duty) / (recorded − excused − medical)");
  });

  it.each([
    // onDuty, medical, attended / countable
    ["present", "present", 21, 23],
    ["present", "excluded", 18, 20],
    ["present", "absent", 18, 23],
    ["excluded", "present", 19, 21],
    ["excluded", "excluded", 16, 18],
    ["excluded", "absent", 16, 21],
    ["absent", "present", 19, 23],
    ["absent", "excluded", 16, 20],
    ["absent", "absent", 16, 23],
  ] as const)("on duty %s, medical %s → %i / %i", (onDuty, medical, attended, countable) => {
    const policy: AttendancePolicy = { onDuty, medical };
    const r = attendanceRate(register, policy);
    expect(r.rate).toBeCloseTo((attended / countable) * 100, 10);
    expect(fromCounts({ present: 14, late: 2, absent: 2, excused: 1, onDuty: 2, medical: 3, sessions: 24 }, policy).rate).toBe(r.rate);
  });

  it("a register of medical days only, left out, has no rate; counted as absent it is 0 %", () => {
    expect(attendanceRate(days({ medical: 3 })).rate).toBeNull();
    expect(attendanceRate(days({ medical: 3 }), { onDuty: "present", medical: "absent" }).rate).toBe(0);
  });

  it("without on-duty or medical days every policy gives the old (present + late) / (sessions − excused)", () => {
    const plain = fc.constantFrom<AttendanceStatus>("present", "late", "absent", "excused");
    const rule = fc.constantFrom(...DAY_RULES);
    fc.assert(
      fc.property(fc.array(plain.map((status) => ({ status }))), rule, rule, (records, onDuty, medical) => {
        const attended = records.filter((r) => r.status === "present" || r.status === "late").length;
        const countable = records.length - records.filter((r) => r.status === "excused").length;
        const old = countable > 0 ? (attended / countable) * 100 : null;
        expect(attendanceRate(records, { onDuty, medical }).rate).toBe(old);
        expect(attendanceRate(records).rate).toBe(old);
      }),
    );
  });

  it("the rate stays in [0, 100] under every policy", () => {
    const status = fc.constantFrom<AttendanceStatus>("present", "late", "absent", "excused", "on_duty", "medical");
    const rule = fc.constantFrom(...DAY_RULES);
    fc.assert(
      fc.property(fc.array(status.map((s) => ({ status: s }))), rule, rule, (records, onDuty, medical) => {
        const r = attendanceRate(records, { onDuty, medical }).rate;
        if (r !== null) expect(r >= 0 && r <= 100).toBe(true);
      }),
    );
  });
});

describe("the verdict and its reason (minimum 75, band 65–75)", () => {
  const p = DEFAULT_ELIGIBILITY;
  it("75.0 % eligible, 70 % condonable and detained as not condoned, 60 % detained below the band", () => {
    expect(judgeAttendance(75, p)).toMatchObject({ status: "eligible", shown: 75, detention: null });
    expect(judgeAttendance(70, p)).toMatchObject({ status: "condonable", shown: 70, detention: "not_condoned", reason: "below 75 %, not condoned" });
    expect(judgeAttendance(60, p)).toMatchObject({ status: "detained", shown: 60, detention: "below_band" });
  });
  it("approved → condoned (may sit); refused → still detained, with that reason; pending says so", () => {
    expect(judgeAttendance(70, p, { latest: "approved" })).toMatchObject({ status: "condoned", detention: null });
    expect(judgeAttendance(70, p, { latest: "refused" })).toMatchObject({
      status: "condonable",
      detention: "refused",
      reason: "below 75 %, condonation refused",
    });
    expect(judgeAttendance(70, p, { latest: "requested" }).reason).toBe("below 75 %, not condoned (request pending)");
  });
  it("an approved condonation does not carry a rate that later fell below the band", () => {
    expect(judgeAttendance(64.9, p, { latest: "approved" })).toMatchObject({ status: "detained", detention: "below_band" });
  });
  it("reports the limit of condonations once reached", () => {
    expect(judgeAttendance(70, p, { condonationsUsed: 2 }).limitReached).toBe(true);
    expect(judgeAttendance(70, p, { condonationsUsed: 1 }).limitReached).toBe(false);
  });
  it("the defaults: minimum 75, band from 65, two condonations, on duty present, medical left out", () => {
    expect(policyOf(DEFAULT_ELIGIBILITY_SETTINGS)).toEqual({
      eligibility: { minimum: 75, condonableFrom: 65, maxCondonations: 2 },
      attendance: DEFAULT_ATTENDANCE_POLICY,
    });
    expect(DEFAULT_ATTENDANCE_POLICY).toEqual({ onDuty: "present", medical: "excluded" });
  });
});
