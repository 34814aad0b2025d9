import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";

describe("CSV export", () => {
  it("quotes, adds a BOM, ends lines with CRLF and neutralises formulas", () => {
    const csv = toCsv(
      [
        { a: 'He said "hi", then left', b: "=SUM(A1:A3)", c: -3.5, d: null },
        { a: "line\nbreak", b: "@cmd", c: "-12", d: undefined },
      ],
      [
        { key: "a", header: "A" },
        { key: "b", header: "B" },
        { key: "c", header: "C" },
        { key: "d", header: "D" },
      ],
    );
    expect(csv.startsWith("\uFEFFA,B,C,D\r\n")).toBe(true);
    expect(csv).toContain('"He said ""hi"", then left",\'=SUM(A1:A3),-3.5,');
    expect(csv).toContain('"line\nbreak",\'@cmd,-12,');
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
