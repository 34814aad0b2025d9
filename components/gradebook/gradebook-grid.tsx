"use client";

import { OUTCOME_LABELS } from "@/lib/constants";
import * as React from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle, Check, Loader2, X } from "lucide-react";
import { formatPercent } from "@/lib/results";
import { formatCell } from "@/lib/gradebook/cell";
import { cn } from "@/lib/utils";
import type { CellState, GbData } from "./types";
import { CellPanel } from "./cell-panel";
import { useGradebookCells } from "./use-gradebook-cells";
import { useGridKeyboard } from "./use-grid-keyboard";

const NAME_W = 240;
const COL_W = 104;
const RESULT_W = 150;
const ROW_H = 40;
const HEAD_H = 64;
const FOOT_H = 72;

/** The gradebook: a spreadsheet of marks, virtualised both ways; each cell saves on its own. */
export function GradebookGrid({ data }: { data: GbData }) {
  const { assessments, roster, locked } = data;
  const R = roster.length;
  const C = assessments.length;

  const { store, announcement, rowResult, columnStats } = useGradebookCells(data);
  const cell = (r: number, c: number) => store.cell(r, c);
  const [active, setActive] = React.useState<{ r: number; c: number } | null>(null);

  const scrollRef = React.useRef<HTMLDivElement>(null);
  // The grid re-renders on every change anyway; the React Compiler is not used here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: R,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    paddingStart: HEAD_H,
    paddingEnd: FOOT_H,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: C,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COL_W,
    overscan: 3,
    paddingStart: NAME_W,
    paddingEnd: RESULT_W,
  });
  const { onKeyDown, onPaste } = useGridKeyboard({ store, locked, rows, cols, scrollRef, setActive });

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
            <div
              role="columnheader"
              aria-colindex={1}
              className="sticky left-0 z-10 flex items-end border-r bg-muted px-3 pb-2 font-medium"
              style={{ width: NAME_W, minWidth: NAME_W }}
            >
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
                    title={`${a.name}: out of ${a.maxScore}, weight ${a.weight}${a.published ? (a.released ? "" : " (held: not shown to parents)") : " (not published: does not count)"}`}
                  >
                    <span className="truncate font-medium">{a.name}</span>
                    <span className="text-xs text-muted-foreground">
                      /{a.maxScore} · w{a.weight}
                      {!a.published && " · draft"}
                      {a.published && !a.released && (
                        <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100" data-testid="held-badge">
                          Held
                        </span>
                      )}
                    </span>
                  </div>
                );
              })}
            </div>
            <div
              role="columnheader"
              aria-colindex={C + 2}
              className="sticky right-0 z-10 flex items-end gap-2 border-l bg-muted px-3 pb-2 font-medium"
              style={{ width: RESULT_W, minWidth: RESULT_W }}
            >
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
                <div
                  role="rowheader"
                  aria-colindex={1}
                  className="sticky left-0 z-10 flex flex-col justify-center border-r bg-card px-3"
                  style={{ width: NAME_W, minWidth: NAME_W }}
                >
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
                          onChange={(e) => store.type(vr.index, vc.index, e.target.value)}
                          onBlur={() => store.commit(vr.index, vc.index)}
                          onKeyDown={(e) => onKeyDown(e, vr.index, vc.index)}
                          onPaste={(e) => onPaste(e, vr.index, vc.index)}
                        />
                        <CellBadge state={s.state} />
                      </div>
                    );
                  })}
                </div>
                <div
                  role="gridcell"
                  aria-colindex={C + 2}
                  className="sticky right-0 z-10 flex items-center justify-end gap-3 border-l bg-card px-3 tabular-nums"
                  style={{ width: RESULT_W, minWidth: RESULT_W }}
                >
                  {(res.outcome === "fail" || res.outcome === "absent") && (
                    <span data-testid={`row-outcome-${cand.id}`} className="text-xs font-medium text-destructive">
                      {OUTCOME_LABELS[res.outcome]}
                    </span>
                  )}
                  <span
                    data-testid={`row-percent-${cand.id}`}
                    title={res.outcome ? `${res.total ?? "—"} of ${res.presentMax} marks so far · ${OUTCOME_LABELS[res.outcome]}` : undefined}
                  >
                    {formatPercent(res.shown)}
                  </span>
                  <span data-testid={`row-grade-${cand.id}`} className="w-8 text-center font-semibold">
                    {res.grade ?? "—"}
                  </span>
                </div>
              </div>
            );
          })}

          {/* footer: in the flow after a spacer, so it can stick to the bottom */}
          <div aria-hidden style={{ height: Math.max(0, totalH - HEAD_H - FOOT_H) }} />
          <div
            role="row"
            aria-rowindex={R + 2}
            className="sticky bottom-0 z-20 flex border-t bg-muted/95 backdrop-blur"
            style={{ width: totalW, height: FOOT_H }}
          >
            <div
              role="rowheader"
              aria-colindex={1}
              className="sticky left-0 z-10 flex flex-col justify-center border-r bg-muted px-3 text-xs text-muted-foreground"
              style={{ width: NAME_W, minWidth: NAME_W }}
            >
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
        onSave={(value, feedback, reason) => active && store.save(active.r, active.c, value, { feedback, reason })}
        onKeepTheirs={() => active && store.keepTheirs(active.r, active.c)}
        onUseMine={() => {
          if (active) void store.useMine(active.r, active.c);
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
