import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/import/csv";

describe("parseCsv", () => {
  it("gives each row the line a spreadsheet shows it on, blank lines included", () => {
    const p = parseCsv("\uFEFFName,Score\n\na,1\n  \n\"b\nc\",2\nd,3\n\n");
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.Name)).toEqual(["a", "b\nc", "d"]);
    expect(p.lines).toEqual([3, 5, 6]);
  });

  it("reads a header that follows blank lines, and reports bad rows on their own line", () => {
    const p = parseCsv("\n\nName,Score\na,1\n\nb\n");
    expect(p.headers).toEqual(["Name", "Score"]);
    expect(p.errors).toEqual(["Line 6: Too few fields: expected 2 fields but parsed 1"]);
  });

  it("reads mixed line endings, inside cells too", () => {
    const p = parseCsv('Name,Note\r\na,"x\r\ny"\nb,z\rc,w\r\n');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.Name, r.Note])).toEqual([["a", "x\ny"], ["b", "z"], ["c", "w"]]);
    expect(p.lines).toEqual([2, 3, 4]);
  });

  it("takes the separator from the header line, whatever the cells hold", () => {
    expect(parseCsv("Name;Score\na,b,c;1\n").rows).toEqual([{ Name: "a,b,c", Score: "1" }]);
    expect(parseCsv("Name,Note\na,x;y;z|w\nb,p;q\n").rows.map((r) => r.Note)).toEqual(["x;y;z|w", "p;q"]);
    expect(parseCsv("Name\tScore\na\t1\n").rows).toEqual([{ Name: "a", Score: "1" }]);
  });

  it("treats columns named like Object's own properties as plain columns", () => {
    const p = parseCsv("__proto__,constructor,toString\n1,2,3\n");
    expect(p.errors).toEqual([]);
    expect(p.headers).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.entries(p.rows[0])).toEqual([
      ["__proto__", "1"],
      ["constructor", "2"],
      ["toString", "3"],
    ]);
    expect(parseCsv("a,b\n1,2\n").rows[0].constructor).toBeUndefined();
  });

  it("reports an unterminated quote on its line", () => {
    const p = parseCsv('Name,Score\na,1\n"b,2\nc,3\n');
    expect(p.errors[0]).toMatch(/^Line 3: Quoted field unterminated/);
  });
});
