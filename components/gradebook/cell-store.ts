import type { MarkStatus } from "@/lib/constants";
import type { ActionResult } from "@/lib/action";
import { formatCell, parseCell, type CellValue } from "@/lib/gradebook/cell";
import type { CellState, GbAssessment, GbCandidate, SavedMark } from "./types";

/** One save as the server action takes it: text, as a form would send it. */
export type SaveMarkRequest = {
  assessmentId: number;
  candidateId: number;
  score: string;
  status: MarkStatus;
  feedback: string | undefined;
  expectedVersion: string;
  reason: string;
};
export type SendSave = (request: SaveMarkRequest) => Promise<ActionResult<{ mark: SavedMark }>>;
export type SaveOptions = { feedback?: string | null; expectedVersion?: number | null; reason?: string };

const EMPTY: CellState = { saved: null, draft: null, state: "idle" };
const UNREACHABLE: ActionResult<never> = { ok: false, code: "error", message: "Could not reach the server. Your value is kept; try again." };

/**
 * The gradebook's cells, without React: what each cell has saved and what is typed in it, and
 * its saves, chained per cell so they reach the server in the order they were made (each one
 * sends the version the previous one returned). A refused save keeps what was typed; a
 * conflict waits for the person to choose. The grid's hook wraps it and re-renders on change.
 */
export class CellStore {
  private readonly cells: (CellState | undefined)[];
  private readonly chains = new Map<number, Promise<void>>();
  private readonly cols: number;

  constructor(
    private readonly opts: {
      assessments: Pick<GbAssessment, "id" | "name" | "maxScore">[];
      roster: Pick<GbCandidate, "id" | "fullName">[];
      /** The saved mark of cell `i` (row-major) when the page loaded. */
      initial: (i: number) => SavedMark | null;
      send: SendSave;
      onChange: () => void;
      /** What a screen reader hears after each save or refusal. */
      announce: (text: string) => void;
    },
  ) {
    this.cols = opts.assessments.length;
    const n = opts.roster.length * this.cols;
    this.cells = new Array(n);
    for (let i = 0; i < n; i++) {
      const saved = opts.initial(i);
      if (saved) this.cells[i] = { saved, draft: null, state: "idle" };
    }
  }

  get rowCount(): number {
    return this.opts.roster.length;
  }

  get colCount(): number {
    return this.cols;
  }

  cell(r: number, c: number): CellState {
    return this.cells[r * this.cols + c] ?? EMPTY;
  }

  private set(r: number, c: number, patch: Partial<CellState>): void {
    this.cells[r * this.cols + c] = { ...this.cell(r, c), ...patch };
    this.opts.onChange();
  }

  private name(r: number, c: number): string {
    return `${this.opts.assessments[c].name} for ${this.opts.roster[r].fullName}`;
  }

  /** The value a cell counts as right now: what is typed if it reads, else what is saved. */
  current(r: number, c: number): CellValue | null {
    const s = this.cells[r * this.cols + c];
    if (!s) return null;
    if (s.draft !== null) {
      const p = parseCell(s.draft, this.opts.assessments[c].maxScore);
      if (p.ok) return p.value.score === null && p.value.status === "graded" ? null : p.value;
    }
    return s.saved;
  }

  /** Typing in a cell: the text is the draft, and a refusal shown on it is cleared. */
  type(r: number, c: number, text: string): void {
    this.set(r, c, { draft: text, ...(this.cell(r, c).state === "error" ? { state: "idle" as const, error: undefined } : {}) });
  }

  /** Escape: back to what is saved. */
  revert(r: number, c: number): void {
    const s = this.cell(r, c);
    this.set(r, c, { draft: null, state: s.state === "error" ? "idle" : s.state, error: undefined });
  }

  /** Saves one value, after any save of the same cell still in flight. */
  save(r: number, c: number, value: CellValue, opts: SaveOptions = {}): Promise<void> {
    // Saving from the moment it is asked for, not when its turn in the chain comes: Enter
    // commits, moves the focus, and the blur that follows at once commits the same text again;
    // it must see this save (state saving, same pending text) and not queue a second one.
    this.set(r, c, { state: "saving", error: undefined, pending: formatCell(value) });
    const run = async () => {
      const before = this.cell(r, c);
      this.set(r, c, { state: "saving", error: undefined, pending: formatCell(value) });
      const res = await this.opts
        .send({
          assessmentId: this.opts.assessments[c].id,
          candidateId: this.opts.roster[r].id,
          score: value.score === null ? "" : String(value.score),
          status: value.status,
          feedback: opts.feedback === undefined ? undefined : (opts.feedback ?? ""),
          expectedVersion:
            opts.expectedVersion !== undefined
              ? opts.expectedVersion === null
                ? ""
                : String(opts.expectedVersion)
              : before.saved
                ? String(before.saved.version)
                : "",
          reason: opts.reason ?? "",
        })
        .catch(() => UNREACHABLE);
      const now = this.cell(r, c);
      if (res.ok) {
        // Keep any newer typing that happened while this save was in flight.
        const typedSince = now.draft !== null && now.draft !== formatCell(value) ? now.draft : null;
        this.set(r, c, { saved: res.data.mark, draft: typedSince, state: "saved", conflict: undefined, error: undefined, pending: undefined });
        this.opts.announce(`Saved ${this.name(r, c)}: ${formatCell(value)}`);
      } else if (res.code === "conflict") {
        this.set(r, c, { state: "conflict", conflict: res.details as CellState["conflict"], error: res.message, pending: undefined });
        this.opts.announce(`Conflict on ${this.name(r, c)}: ${res.message}`);
      } else {
        const error = res.fieldErrors?.score?.[0] ?? res.message;
        this.set(r, c, { state: "error", error, draft: now.draft ?? formatCell(value), pending: undefined });
        this.opts.announce(`Not saved: ${this.name(r, c)}: ${error}`);
      }
    };
    const key = r * this.cols + c;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(run);
    this.chains.set(key, next);
    return next;
  }

  /** Commits what was typed in a cell: validate here first, keep the text when refused. */
  commit(r: number, c: number): void {
    const s = this.cell(r, c);
    // A conflict waits for the person to choose (keep theirs or use mine); leaving the cell does not decide it.
    if (s.draft === null || s.state === "conflict" || (s.state === "saving" && s.pending === s.draft)) return;
    if (s.draft === formatCell(s.saved) && s.state !== "error") {
      this.set(r, c, { draft: null });
      return;
    }
    const parsed = parseCell(s.draft, this.opts.assessments[c].maxScore);
    if (!parsed.ok) {
      this.set(r, c, { state: "error", error: parsed.error });
      this.opts.announce(`Not saved: ${this.name(r, c)}: ${parsed.error}`);
      return;
    }
    if (!s.saved && parsed.value.score === null && parsed.value.status === "graded") {
      this.set(r, c, { draft: null, state: "idle", error: undefined });
      return;
    }
    void this.save(r, c, parsed.value);
  }

  /** A block pasted from a spreadsheet, from cell (r, c) down and right: each cell commits on its own. */
  paste(r: number, c: number, block: string[][]): void {
    for (let i = 0; i < block.length && r + i < this.rowCount; i++) {
      for (let j = 0; j < block[i].length && c + j < this.cols; j++) {
        this.set(r + i, c + j, { draft: block[i][j].trim(), error: undefined });
        this.commit(r + i, c + j);
      }
    }
  }

  /** Settles a conflict with the colleague's value. */
  keepTheirs(r: number, c: number): void {
    const s = this.cell(r, c);
    if (!s.conflict) return;
    this.set(r, c, { saved: s.conflict.current, draft: null, state: "idle", conflict: undefined, error: undefined });
  }

  /** Settles a conflict with this person's value, over the version the colleague saved. */
  useMine(r: number, c: number): Promise<void> | undefined {
    const s = this.cell(r, c);
    if (!s.conflict) return;
    const mine = s.conflict;
    // What is in the cell now, if it reads; otherwise what was refused.
    const typed = s.draft !== null ? parseCell(s.draft, this.opts.assessments[c].maxScore) : null;
    const value = typed?.ok ? typed.value : { score: mine.yours.score, status: mine.yours.status };
    return this.save(r, c, value, { feedback: mine.yours.feedback, expectedVersion: mine.current?.version ?? null });
  }
}
