import { createHash } from "node:crypto";
import { MAX_IMPORT_ROWS } from "./limits";

export { MAX_IMPORT_ROWS };

/** `lines[i]` is the line of `rows[i]` as a spreadsheet shows it (the header is line 1). */
export type ParsedCsv = {
  headers: string[];
  rows: Record<string, string>[];
  lines: number[];
  errors: string[];
  /** Data rows the reader looked at: past the row limit it stops at once. */
  examined: number;
  overLimit: boolean;
};

export type ParseOptions = {
  /** Data rows allowed; one more and the file is refused without reading the rest. */
  maxRows?: number;
  /** Only these columns are kept in each row (the mapped ones), so wide files stay small. */
  keep?: readonly string[];
};

const DELIMITERS = [",", ";", "\t", "|"];
const QUOTE = '"';
const LF = 10;
const CR = 13;

const blank = (cells: string[]) => cells.every((c) => c.trim() === "");
const unix = (s: string) => (s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s);
const unescape = (s: string) => unix(s.includes(QUOTE) ? s.replace(/""/g, QUOTE) : s);

/**
 * Papa Parse's reading of CSV (quoted fields, "" for a quote, blank space after a closing
 * quote, its two quote errors) one record at a time, over the text as it is: \n, \r\n and \r
 * all end a record, and line endings inside quoted cells become \n. Nothing is copied ahead,
 * so a caller can stop, or give the event loop a turn, between any two records.
 */
class RecordReader {
  cursor: number;
  done = false;
  /** Records returned so far: the next one's index, which its errors are reported on. */
  index = 0;
  /** The first quote errors, in line order (only the first few are ever shown). */
  readonly errors: { line: number; message: string }[] = [];
  // The next delimiter and line-ending characters at or after the cursor (-1: none left).
  private dl: number;
  private lf: number;
  private cr: number;

  constructor(
    private readonly s: string,
    private readonly delim: string,
    start: number,
  ) {
    this.cursor = start;
    this.dl = s.indexOf(delim, start);
    this.lf = s.indexOf("\n", start);
    this.cr = s.indexOf("\r", start);
  }

  private delimFrom(at: number): number {
    if (this.dl !== -1 && this.dl < at) this.dl = this.s.indexOf(this.delim, at);
    return this.dl;
  }

  private newlineFrom(at: number): number {
    if (this.lf !== -1 && this.lf < at) this.lf = this.s.indexOf("\n", at);
    if (this.cr !== -1 && this.cr < at) this.cr = this.s.indexOf("\r", at);
    if (this.lf === -1) return this.cr;
    if (this.cr === -1) return this.lf;
    return Math.min(this.lf, this.cr);
  }

  private newlineLength(at: number): number {
    return this.s.charCodeAt(at) === CR && this.s.charCodeAt(at + 1) === LF ? 2 : 1;
  }

  private isNewline(at: number): boolean {
    const c = this.s.charCodeAt(at);
    return c === LF || c === CR;
  }

  /** How many blank characters lie between a closing quote and `upTo` (0 unless all are blank). */
  private spacesAfter(quote: number, upTo: number): number {
    if (upTo === -1) return 0;
    const between = this.s.substring(quote + 1, upTo);
    return between && between.trim() === "" ? between.length : 0;
  }

  private error(message: string) {
    if (this.errors.length < 20) this.errors.push({ line: this.index, message });
  }

  private emit(row: string[]): string[] {
    this.index += 1;
    return row;
  }

  next(): string[] | null {
    if (this.done) return null;
    const s = this.s;
    const len = s.length;
    const d = this.delim;
    const row: string[] = [];
    for (;;) {
      const at = this.cursor;
      if (s[at] === QUOTE) {
        const start = at + 1;
        let q = at;
        for (;;) {
          q = s.indexOf(QUOTE, q + 1);
          if (q === -1) {
            this.error("Quoted field unterminated");
            row.push(unix(s.substring(start)));
            this.done = true;
            return this.emit(row);
          }
          if (q === len - 1) {
            row.push(unescape(s.substring(start, q)));
            this.done = true;
            return this.emit(row);
          }
          if (s[q + 1] === QUOTE) {
            q += 1;
            continue;
          }
          const dl = this.delimFrom(q + 1);
          const nl = this.newlineFrom(q + 1);
          // Papa's own reckoning, kept so files read exactly as before (with no newline left it
          // looks up to the delimiter; with no delimiter, not at all).
          const upTo = nl === -1 ? dl : Math.min(dl, nl);
          const sp = this.spacesAfter(q, upTo);
          if (s.substr(q + 1 + sp, d.length) === d) {
            row.push(unescape(s.substring(start, q)));
            this.cursor = q + 1 + sp + d.length;
            break;
          }
          const spn = this.spacesAfter(q, nl);
          if (q + 1 + spn < len && this.isNewline(q + 1 + spn)) {
            row.push(unescape(s.substring(start, q)));
            this.cursor = q + 1 + spn + this.newlineLength(q + 1 + spn);
            return this.emit(row);
          }
          this.error("Trailing quote on quoted field is malformed");
          q += 1;
        }
        continue;
      }
      const dl = this.delimFrom(at);
      const nl = this.newlineFrom(at);
      if (dl !== -1 && (nl === -1 || dl < nl)) {
        row.push(s.substring(at, dl));
        this.cursor = dl + d.length;
        continue;
      }
      if (nl !== -1) {
        row.push(s.substring(at, nl));
        this.cursor = nl + this.newlineLength(nl);
        return this.emit(row);
      }
      row.push(s.substring(at));
      this.cursor = len;
      this.done = true;
      return this.emit(row);
    }
  }
}

/** The separator the header line (the first non-blank line) uses most outside quotes; a comma when it has none. */
function delimiterOf(s: string, start: number): string {
  let header = "";
  let lf = s.indexOf("\n", start);
  let cr = s.indexOf("\r", start);
  for (let at = start; at <= s.length;) {
    if (lf !== -1 && lf < at) lf = s.indexOf("\n", at);
    if (cr !== -1 && cr < at) cr = s.indexOf("\r", at);
    const end = lf === -1 ? (cr === -1 ? s.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
    const line = s.substring(at, end);
    if (line.trim() !== "") {
      header = line;
      break;
    }
    at = end + 1;
  }
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best), [",", 0])[0];
}

// Between two turns of the event loop: this many records, or this many characters read.
const RECORDS_PER_TURN = 2000;
const CHARS_PER_TURN = 1 << 18;

/** Turns a file's records into rows; `step` reads a slice of the file and says whether it is done. */
class CsvReading {
  private readonly reader: RecordReader;
  private fields: string[] | null = null;
  private picks: [string, number][] = [];
  private dataRecords = 0;
  private readonly maxRows: number;
  private readonly keep: readonly string[] | undefined;
  private overLimit = false;
  private readonly rows: Record<string, string>[] = [];
  private readonly lines: number[] = [];
  // Only the first few are shown; the rest are counted by the rows they refuse.
  private readonly shapeErrors: { line: number; message: string }[] = [];

  constructor(text: string, opts: ParseOptions) {
    // A byte-order mark, and a second one (Papa Parse, which read these files before, strips both).
    let start = 0;
    while (start < 2 && text.charCodeAt(start) === 0xfeff) start += 1;
    this.reader = new RecordReader(text, delimiterOf(text, start), start);
    this.maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
    this.keep = opts.keep;
  }

  step(records: number): boolean {
    const until = this.reader.cursor + CHARS_PER_TURN;
    for (let n = 0; n < records && this.reader.cursor <= until; n++) {
      const index = this.reader.index;
      const cells = this.reader.next();
      if (!cells) return true;
      if (blank(cells)) continue;
      if (!this.fields) {
        this.start(cells);
        continue;
      }
      this.dataRecords += 1;
      if (this.dataRecords > this.maxRows) {
        this.overLimit = true;
        return true;
      }
      if (cells.length !== this.fields.length) {
        if (this.shapeErrors.length < 20)
          this.shapeErrors.push({
            line: index,
            message: `Too ${cells.length < this.fields.length ? "few" : "many"} fields: expected ${this.fields.length} fields but parsed ${cells.length}`,
          });
        continue;
      }
      const row: Record<string, string> = Object.create(null);
      for (const [h, j] of this.picks) row[h] = cells[j];
      this.rows.push(row);
      this.lines.push(index + 1);
    }
    return this.reader.done;
  }

  private start(cells: string[]) {
    const fields = cells.map((h) => h.trim());
    this.fields = fields;
    // A repeated header keeps its first column.
    const first = new Map<string, number>();
    fields.forEach((h, j) => {
      if (!first.has(h)) first.set(h, j);
    });
    this.picks = [...first].filter(([h]) => !this.keep || this.keep.includes(h));
  }

  result(): ParsedCsv {
    // Both lists are in line order, so the first 20 of all are among the first 20 of each.
    const messages = [...this.reader.errors, ...this.shapeErrors]
      .sort((a, b) => a.line - b.line)
      .slice(0, 20)
      .map((e) => `Line ${e.line + 1}: ${e.message}`);
    if (this.overLimit)
      messages.unshift(
        `The file has more than ${this.maxRows.toLocaleString("en-IN")} rows; the limit is ${this.maxRows.toLocaleString("en-IN")} per file. Split it and import the parts.`,
      );
    const headers = [...new Set((this.fields ?? []).filter((h) => h !== ""))];
    return { headers, rows: this.rows, lines: this.lines, errors: messages, examined: this.dataRecords, overLimit: this.overLimit };
  }
}

/**
 * Reads a CSV file's text: the first non-blank line is the header; blank lines are skipped
 * but still counted, so an error's line is the row a spreadsheet shows. Line endings may be
 * mixed (files pieced together from several tools are). Rows have no prototype: a column
 * called "__proto__" or "constructor" is just a column. Reading stops one row past the limit.
 */
export function parseCsv(text: string, opts: ParseOptions = {}): ParsedCsv {
  const reading = new CsvReading(text, opts);
  while (!reading.step(Number.POSITIVE_INFINITY));
  return reading.result();
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** parseCsv, giving the event loop a turn every few thousand records so the server keeps answering. */
export async function parseCsvAsync(text: string, opts: ParseOptions = {}): Promise<ParsedCsv> {
  const reading = new CsvReading(text, opts);
  while (!reading.step(RECORDS_PER_TURN)) await turn();
  return reading.result();
}

export function fileHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
