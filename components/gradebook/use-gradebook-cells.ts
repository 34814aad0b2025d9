"use client";

import * as React from "react";
import { evaluateCourse, type MarkInput } from "@/lib/results";
import { median } from "@/lib/gradebook/cell";
import { unpackCell } from "@/lib/gradebook/pack";
import { saveMarkAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import { CellStore, type SendSave } from "./cell-store";
import type { GbData } from "./types";

const send: SendSave = (request) => saveMarkAction(null, request);

/**
 * The grid's cells (a CellStore indexed from the server's marks once; the grid then owns
 * them), re-rendering on every change, with what follows from them: each row's result as it
 * is typed, each column's figures, and the live region's last announcement.
 */
export function useGradebookCells(data: GbData) {
  const { assessments, roster } = data;
  const R = roster.length;
  const C = assessments.length;
  const [tick, setTick] = React.useState(0);
  const [announcement, setAnnouncement] = React.useState("");
  const [store] = React.useState(
    () =>
      new CellStore({ assessments, roster, initial: (i) => unpackCell(data.grid, i), send, onChange: () => setTick((t) => t + 1), announce: setAnnouncement }),
  );

  const rowResult = (r: number) => {
    const marks: MarkInput[] = [];
    for (let c = 0; c < C; c++) {
      const v = store.current(r, c);
      if (v) marks.push({ assessmentId: assessments[c].id, score: v.score, status: v.status });
    }
    const { result, scheme, grade } = evaluateCourse({
      scheme: data.scheme,
      assessments,
      marks,
      attendanceRate: data.attendanceRates?.[r] ?? null,
      bands: data.bands,
    });
    return { ...result, grade, outcome: scheme.outcome, total: scheme.total, presentMax: scheme.presentMax };
  };

  const columnStats = React.useMemo(() => {
    void tick;
    return assessments.map((a, c) => {
      const scores: number[] = [];
      let entered = 0;
      for (let r = 0; r < R; r++) {
        const v = store.current(r, c);
        if (!v) continue;
        entered += 1;
        if (v.status === "graded" || v.status === "late") {
          if (v.score !== null) scores.push(v.score);
        } else if (v.status === "absent" || v.status === "missing") scores.push(0);
      }
      const avg = scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
      return { avg, median: median(scores), entered, max: a.maxScore };
    });
  }, [tick, assessments, R, store]);

  return { store, announcement, rowResult, columnStats };
}
