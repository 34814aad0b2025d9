import { describe, expect, it } from "vitest";
import { auditChanges, auditHref, auditValue } from "@/lib/audit";
import { auditFilters } from "@/lib/filters/audit";

describe("reading the audit trail", () => {
  it("shows what a change touched, and all of a record made or removed", () => {
    expect(auditChanges({ a: 1, b: "x", c: null }, { a: 1, b: "y", d: true })).toEqual([
      { field: "b", before: "x", after: "y" },
      { field: "c", before: null, after: undefined },
      { field: "d", before: undefined, after: true },
    ]);
    expect(auditChanges(null, { name: "Default", bands: [{ min: 90 }] })).toEqual([
      { field: "name", before: undefined, after: "Default" },
      { field: "bands", before: undefined, after: [{ min: 90 }] },
    ]);
    expect(auditChanges({ id: 3 }, null)).toEqual([{ field: "id", before: 3, after: undefined }]);
    expect(auditChanges({ tags: ["a"] }, { tags: ["a"] })).toEqual([]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("writes values plainly and links records that have a page", () => {
    expect([null, undefined, "", "text", 4.5, false, { a: 1 }].map(auditValue)).toEqual(["—", "—", "—", "text", "4.5", "false", '{"a":1}']);
    expect(auditHref("candidate", "12")).toBe("/candidates/12");
    expect(auditHref("grading_scale", "1")).toBeUndefined();
  });

  it("reads the filters from the URL, whole local days, ignoring what is not one", () => {
    expect(auditFilters({ actor: "7", entity: "lead", from: "2026-12-01", to: "2026-12-31" })).toEqual({
      actorId: 7,
      entity: "lead",
      from: new Date(2026, 11, 1),
      until: new Date(2027, 0, 1),
    });
    expect(auditFilters({ actor: "none" }).actorId).toBe("none");
    expect(auditFilters({ actor: "-1", from: "2026-02-30", to: "31-12-2026" })).toEqual({
      actorId: undefined,
      entity: undefined,
      from: undefined,
      until: undefined,
    });
  });
});
