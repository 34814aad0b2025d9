"use client";

import * as React from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle, Check, Loader2, X } from "lucide-react";
import { computeCourseResult, formatPercent, gradeFor, type MarkInput } from "@/lib/results";
import { formatCell, median, parseCell, parseClipboardBlock } from "@/lib/gradebook/cell";
import type { MarkStatus } from "@/lib/constants";
import type { ActionResult } from "@/lib/action";
import { cn } from "@/lib/utils";
import { saveMarkAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import type { GbData } from "./types";
import { unpackCell } from "@/lib/gradebook/pack";
import { CellPanel } from "./cell-panel";

type Saved = { score: number | null; status: MarkStatus; feedback: string | null; version: number };
export type CellState = {
  saved: Saved | null;
  draft: string | null;
  state: "idle" | "saving" | "saved" | "error" | "conflict";
  /** The text being saved right now, so leaving the cell does not save it twice. */
  pending?: string;
  error?: string;
  conflict?: { current: Saved | null; yours: { score: number | null; status: MarkStatus; feedback: string | null } };
};

const NAME_W = 240;
const COL_W = 104;
const RESULT_W = 150;
const ROW_H = 40;
const HEAD_H = 64;
const FOOT_H = 72;

export function GradebookGrid({ data }: { data: GbData }) {
  const { assessments, roster, locked } = data;
  const R = roster.length;
  const C = assessments.length;

  const cellsRef = React.useRef<(CellState | undefined)[]>([]);
  const [tick, setTick] = React.useState(0);
  const bump = React.useCallback(() => setTick((t) => t + 1), []);
  const [active, setActive] = React.useState<{ r: number; c: number } | null>(null);
  // What a screen reader hears after each save or refusal (a polite live region).
  const [announcement, setAnnouncement] = React.useState("");
  const cellName = (r: number, c: number) => `${assessments[c].name} for ${roster[r].fullName}`;
  const chains = React.useRef(new Map<number, Promise<void>>());

  // Index the server's marks once; the grid then owns the cells.
  const indexInit = React.useRef(false);
  if (!indexInit.current) {
    indexInit.current = true;
    const cells: (CellState | undefined)[] = new Array(R * C);
    for (let i = 0; i < R * C; i++) {
      const saved = unpackCell(data.grid, i);
      if (saved) cells[i] = { saved, draft: null, state: "idle" };
    }
    cellsRef.current = cells;
  }
  const cell = (r: number, c: number): CellState => cellsRef.current[r * C + c] ?? { saved: null, draft: null, state: "idle" };
  const setCell = (r: number, c: number, patch: Partial<CellState>) => {
    cellsRef.current[r * C + c] = { ...cell(r, c), ...patch };
    bump();
  };

  const scrollRef = React.useRef<HTMLDivElement>(null);
  // The grid re-renders on every change anyway; the React Compiler is not used here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: R, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 8, paddingStart: HEAD_H, paddingEnd: FOOT_H });
  const cols = useVirtualizer({ horizontal: true, count: C, getScrollElement: () => scrollRef.current, estimateSize: () => COL_W, overscan: 3, paddingStart: NAME_W, paddingEnd: RESULT_W });

  /** The value a cell counts as right now: what is typed if it reads, else what is saved. */
  const current = React.useCallback(
    (r: number, c: number): { score: number | null; status: MarkStatus } | null => {
      const s = cellsRef.current[r * C + c];
      if (!s) return null;
      if (s.draft !== null) {
        const p = parseCell(s.draft, assessments[c].maxScore);
        if (p.ok) return p.value.score === null && p.value.status === "graded" ? null : p.value;
      }
      return s.saved;
    },
    [C, assessments],
  );

  const rowResult = (r: number) => {
    const marks: MarkInput[] = [];
    for (let c = 0; c < C; c++) {
      const v = current(r, c);
      if (v) marks.push({ assessmentId: assessments[c].id, score: v.score, status: v.status });
    }
    const res = computeCourseResult(assessments, marks);
    return { ...res, grade: gradeFor(res.shown, data.bands)?.letter ?? null };
  };

  const columnStats = React.useMemo(() => {
    void tick;
    return assessments.map((a, c) => {
      const scores: number[] = [];
      let entered = 0;
      for (let r = 0; r < R; r++) {
        const v = current(r, c);
        if (!v) continue;
        entered += 1;
        if (v.status === "graded" || v.status === "late") {
          if (v.score !== null) scores.push(v.score);
        } else if (v.status === "absent" || v.status === "missing") scores.push(0);
      }
      const avg = scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
      return { avg, median: median(scores), entered, max: a.maxScore };
    });
  }, [tick, assessments, R, current]);

  // ——— saving ———
  const save = React.useCallback(
    (r: number, c: number, value: { score: number | null; status: MarkStatus }, opts: { feedback?: string | null; expectedVersion?: number | null; reason?: string } = {}) => {
      const run = async () => {
        const before = cell(r, c);
        setCell(r, c, { state: "saving", error: undefined, pending: formatCell(value) });
        const res = await saveMarkAction(null, {
          assessmentId: assessments[c].id,
          candidateId: roster[r].id,
          score: value.score === null ? "" : String(value.score),
          status: value.status,
          feedback: opts.feedback === undefined ? undefined : (opts.feedback ?? ""),
          expectedVersion: opts.expectedVersion !== undefined ? (opts.expectedVersion === null ? "" : String(opts.expectedVersion)) : before.saved ? String(before.saved.version) : "",
          reason: opts.reason ?? "",
        }).catch((): ActionResult<never> => ({ ok: false, code: "error", message: "Could not reach the server. Your value is kept; try again." }));
        const now = cell(r, c);
        if (res.ok) {
          // Keep any newer typing that happened while this save was in flight.
          const typedSince = now.draft !== null && now.draft !== formatCell(value) ? now.draft : null;
          setCell(r, c, { saved: res.data.mark, draft: typedSince, state: "saved", conflict: undefined, error: undefined, pending: undefined });
          setAnnouncement(`Saved ${cellName(r, c)}: ${formatCell(value)}`);
        } else if (res.code === "conflict") {
          setCell(r, c, { state: "conflict", conflict: res.details as CellState["conflict"], error: res.message, pending: undefined });
          setAnnouncement(`Conflict on ${cellName(r, c)}: ${res.message}`);
        } else {
          const error = res.fieldErrors?.score?.[0] ?? res.message;
          setCell(r, c, { state: "error", error, draft: now.draft ?? formatCell(value), pending: undefined });
          setAnnouncement(`Not saved: ${cellName(r, c)}: ${error}`);
        }
      };
      const key = r * C + c;
      const next = (chains.current.get(key) ?? Promise.resolve()).then(run);
      chains.current.set(key, next);
      return next;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [assessments, roster, C],
  );

  /** Commits what was typed in a cell: validate here first, keep the text when refused. */
  const commit = (r: number, c: number) => {
    const s = cell(r, c);
    // A conflict waits for the person to choose (keep theirs or use mine); leaving the cell does not decide it.
    if (s.draft === null || s.state === "conflict" || (s.state === "saving" && s.pending === s.draft)) return;
    if (s.draft === formatCell(s.saved) && s.state !== "error") {
      setCell(r, c, { draft: null });
      return;
    }
    const parsed = parseCell(s.draft, assessments[c].maxScore);
    if (!parsed.ok) {
      setCell(r, c, { state: "error", error: parsed.error });
      setAnnouncement(`Not saved: ${cellName(r, c)}: ${parsed.error}`);
      return;
    }
    if (!s.saved && parsed.value.score === null && parsed.value.status === "graded") {
      setCell(r, c, { draft: null, state: "idle", error: undefined });
      return;
    }
    void save(r, c, parsed.value);
  };

  // ——— focus and keyboard ———
  const focusCell = React.useCallback(
    (r: number, c: number) => {
      const rr = Math.max(0, Math.min(R - 1, r));
      const cc = Math.max(0, Math.min(C - 1, c));
      setActive({ r: rr, c: cc });
      rows.scrollToIndex(rr, { align: "auto" });
      cols.scrollToIndex(cc, { align: "auto" });
      const focusNow = () => {
        const el = scrollRef.current?.querySelector<HTMLInputElement>(`[data-cell="${rr}:${cc}"]`);
        if (!el) return false;
        el.focus();
        el.select();
        return true;
      };
      // At once when the cell is rendered, so keys typed straight after Tab or Enter land in the
      // new cell; a cell the virtualiser has yet to render gets it on the next frames.
      if (focusNow()) return;
      let tries = 0;
      const attempt = () => {
        if (!focusNow() && tries++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [R, C, rows, cols],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      commit(r, c);
      let nr = r + dr;
      let nc = c + dc;
      if (nc >= C) {
        nc = 0;
        nr += 1;
      } else if (nc < 0) {
        nc = C - 1;
        nr -= 1;
      }
      focusCell(nr, nc);
    };
    switch (e.key) {
      case "ArrowUp":
        return move(-1, 0);
      case "ArrowDown":
        return move(1, 0);
      case "ArrowLeft":
        if (e.currentTarget.selectionStart === 0 && e.currentTarget.selectionEnd === 0) return move(0, -1);
        if (e.currentTarget.selectionStart === 0 && e.currentTarget.selectionEnd === e.currentTarget.value.length) return move(0, -1);
        return;
      case "ArrowRight":
        if (e.currentTarget.selectionEnd === e.currentTarget.value.length) return move(0, 1);
        return;
      case "Tab":
        return move(0, e.shiftKey ? -1 : 1);
      case "Enter":
        return move(e.shiftKey ? -1 : 1, 0);
      case "Escape":
        e.preventDefault();
        setCell(r, c, { draft: null, state: cell(r, c).state === "error" ? "idle" : cell(r, c).state, error: undefined });
        return;
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const block = parseClipboardBlock(e.clipboardData.getData("text/plain"));
    if (block.length === 1 && block[0].length === 1) return;
    e.preventDefault();
    for (let i = 0; i < block.length && r + i < R; i++) {
      for (let j = 0; j < block[i].length && c + j < C; j++) {
        if (locked) continue;
        setCell(r + i, c + j, { draft: block[i][j].trim(), error: undefined });
        commit(r + i, c + j);
      }
    }
  };

  const activeCell = active ? cell(active.r, active.c) : null;
  const vRows = rows.getVirtualItems();
  const vCols = cols.getVirtualItems();
  const totalW = cols.getTotalSize();
  const totalH = rows.getTotalSize();

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 lg:flex-row">
      <div
        ref={scrollRef}
        role="grid"
        aria-label={`Gradebook for ${data.courseLabel}`}
        aria-rowcount={R + 2}
        aria-colcount={C + 2}
        aria-readonly={locked || undefined}
        data-testid="gradebook"
        className="relative h-[calc(100dvh-15rem)] min-h-[24rem] flex-1 overflow-auto rounded-lg border bg-card text-sm"
      >
        <div style={{ width: totalW, height: totalH }} className="relative">
          {/* header */}
          <div role="row" aria-rowindex={1} className="sticky top-0 z-20 flex border-b bg-muted/95 backdrop-blur" style={{ width: totalW, height: HEAD_H }}>
            <div role="columnheader" aria-colindex={1} className="sticky left-0 z-10 flex items-end border-r bg-muted px-3 pb-2 font-medium" style={{ width: NAME_W, minWidth: NAME_W }}>
              Candidate
            </div>
            <div className="relative flex-1">
              {vCols.map((vc) => {
                const a = assessments[vc.index];
                return (
                  <div
                    key={vc.key}
                    role="columnheader"
                    aria-colindex={vc.index + 2}
                    className="absolute top-0 flex h-full flex-col justify-end border-r px-2 pb-1.5"
                    style={{ left: vc.start - NAME_W, width: vc.size }}
                    title={`${a.name}: out of ${a.maxScore}, weight ${a.weight}${a.published ? "" : " (not published: does not count)"}`}
                  >
                    <span className="truncate font-medium">{a.name}</span>
                    <span className="text-xs text-muted-foreground">
                      /{a.maxScore} · w{a.weight}
                      {!a.published && " · draft"}
                    </span>
                  </div>
                );
              })}
            </div>
            <div role="columnheader" aria-colindex={C + 2} className="sticky right-0 z-10 flex items-end gap-2 border-l bg-muted px-3 pb-2 font-medium" style={{ width: RESULT_W, minWidth: RESULT_W }}>
              Result
            </div>
          </div>

          {/* rows */}
          {vRows.map((vr) => {
            const cand = roster[vr.index];
            const res = rowResult(vr.index);
            return (
              <div
                key={vr.key}
                role="row"
                aria-rowindex={vr.index + 2}
                className={cn("absolute left-0 flex border-b", active?.r === vr.index && "bg-accent/40")}
                style={{ top: vr.start, height: vr.size, width: totalW }}
                data-testid={`row-${cand.id}`}
              >
                <div role="rowheader" aria-colindex={1} className="sticky left-0 z-10 flex flex-col justify-center border-r bg-card px-3" style={{ width: NAME_W, minWidth: NAME_W }}>
                  <span className="truncate font-medium">{cand.fullName}</span>
                  <span className="text-xs text-muted-foreground">{cand.candidateNumber}</span>
                </div>
                <div className="relative flex-1">
                  {vCols.map((vc) => {
                    const a = assessments[vc.index];
                    const s = cell(vr.index, vc.index);
                    const shown = s.draft ?? formatCell(s.saved);
                    const isActive = active?.r === vr.index && active?.c === vc.index;
                    return (
                      <div
                        key={vc.key}
                        role="gridcell"
                        aria-colindex={vc.index + 2}
                        className={cn(
                          "absolute top-0 flex h-full items-center border-r",
                          s.state === "error" && "bg-destructive/10",
                          s.state === "conflict" && "bg-amber-100",
                          isActive && "ring-2 ring-inset ring-primary",
                        )}
                        style={{ left: vc.start - NAME_W, width: vc.size }}
                      >
                        <input
                          data-cell={`${vr.index}:${vc.index}`}
                          data-testid={`cell-${cand.id}-${a.id}`}
                          aria-label={`${a.name} for ${cand.fullName}, out of ${a.maxScore}`}
                          aria-invalid={s.state === "error" || undefined}
                          aria-describedby={isActive ? "cell-panel-status" : undefined}
                          className="h-full w-full bg-transparent px-2 text-right tabular-nums outline-none read-only:cursor-default"
                          value={shown}
                          readOnly={locked}
                          inputMode="decimal"
                          autoComplete="off"
                          onFocus={(e) => {
                            if (!isActive) setActive({ r: vr.index, c: vc.index });
                            e.currentTarget.select();
                          }}
                          onChange={(e) => setCell(vr.index, vc.index, { draft: e.target.value, ...(s.state === "error" ? { state: "idle", error: undefined } : {}) })}
                          onBlur={() => commit(vr.index, vc.index)}
                          onKeyDown={(e) => onKeyDown(e, vr.index, vc.index)}
                          onPaste={(e) => onPaste(e, vr.index, vc.index)}
                        />
                        <CellBadge state={s.state} />
                      </div>
                    );
                  })}
                </div>
                <div role="gridcell" aria-colindex={C + 2} className="sticky right-0 z-10 flex items-center justify-end gap-3 border-l bg-card px-3 tabular-nums" style={{ width: RESULT_W, minWidth: RESULT_W }}>
                  <span data-testid={`row-percent-${cand.id}`}>{formatPercent(res.percent)}</span>
                  <span data-testid={`row-grade-${cand.id}`} className="w-8 text-center font-semibold">
                    {res.grade ?? "—"}
                  </span>
                </div>
              </div>
            );
          })}

          {/* footer: in the flow after a spacer, so it can stick to the bottom */}
          <div aria-hidden style={{ height: Math.max(0, totalH - HEAD_H - FOOT_H) }} />
          <div role="row" aria-rowindex={R + 2} className="sticky bottom-0 z-20 flex border-t bg-muted/95 backdrop-blur" style={{ width: totalW, height: FOOT_H }}>
            <div role="rowheader" aria-colindex={1} className="sticky left-0 z-10 flex flex-col justify-center border-r bg-muted px-3 text-xs text-muted-foreground" style={{ width: NAME_W, minWidth: NAME_W }}>
              <span>Average</span>
              <span>Median</span>
              <span>Entered</span>
            </div>
            <div className="relative flex-1">
              {vCols.map((vc) => {
                const st = columnStats[vc.index];
                return (
                  <div
                    key={vc.key}
                    role="gridcell"
                    aria-colindex={vc.index + 2}
                    className="absolute top-0 flex h-full flex-col justify-center border-r px-2 text-right text-xs tabular-nums"
                    style={{ left: vc.start - NAME_W, width: vc.size }}
                    data-testid={`col-stats-${assessments[vc.index].id}`}
                  >
                    <span>{st.avg === null ? "—" : st.avg.toFixed(1)}</span>
                    <span>{st.median === null ? "—" : st.median.toFixed(1)}</span>
                    <span>
                      {st.entered}/{R}
                    </span>
                  </div>
                );
              })}
            </div>
            <div className="sticky right-0 z-10 border-l bg-muted" style={{ width: RESULT_W, minWidth: RESULT_W }} />
          </div>
        </div>
      </div>

      <div role="status" aria-live="polite" className="sr-only" data-testid="gradebook-announcer">
        {announcement}
      </div>

      <CellPanel
        key={active ? `${active.r}:${active.c}` : "none"}
        locked={locked}
        candidate={active ? roster[active.r] : null}
        assessment={active ? assessments[active.c] : null}
        cell={activeCell}
        onSave={(value, feedback, reason) => active && save(active.r, active.c, value, { feedback, reason })}
        onKeepTheirs={() => {
          if (!active || !activeCell?.conflict) return;
          setCell(active.r, active.c, { saved: activeCell.conflict.current, draft: null, state: "idle", conflict: undefined, error: undefined });
        }}
        onUseMine={() => {
          if (!active || !activeCell?.conflict) return;
          const mine = activeCell.conflict;
          // What is in the cell now, if it reads; otherwise what was refused.
          const typed = activeCell.draft !== null ? parseCell(activeCell.draft, assessments[active.c].maxScore) : null;
          const value = typed?.ok ? typed.value : { score: mine.yours.score, status: mine.yours.status };
          void save(active.r, active.c, value, { feedback: mine.yours.feedback, expectedVersion: mine.current?.version ?? null });
        }}
      />
    </div>
  );
}

function CellBadge({ state }: { state: CellState["state"] }) {
  if (state === "saving") return <Loader2 className="absolute right-0.5 top-0.5 size-3 animate-spin text-muted-foreground" aria-label="Saving" />;
  if (state === "saved") return <Check className="absolute right-0.5 top-0.5 size-3 text-emerald-600" aria-label="Saved" />;
  if (state === "error") return <X className="absolute right-0.5 top-0.5 size-3 text-destructive" aria-label="Not saved" />;
  if (state === "conflict") return <AlertTriangle className="absolute right-0.5 top-0.5 size-3 text-amber-600" aria-label="Conflict" />;
  return null;
}
