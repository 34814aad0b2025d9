"use client";

import * as React from "react";
import { History } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { Input } from "@/components/ui/input";
import { MARK_STATUSES, type MarkStatus } from "@/lib/constants";
import { formatCell, parseCell } from "@/lib/gradebook/cell";
import { formatDateTime } from "@/lib/format";
import { markHistoryAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import type { CellState, GbAssessment, GbCandidate } from "./types";

const STATUS_LABEL: Record<MarkStatus, string> = {
  graded: "Graded",
  late: "Late (keeps its score)",
  absent: "Absent (counts 0)",
  missing: "Missing (counts 0)",
  excused: "Excused (not counted)",
};

type HistoryRow = {
  id: number;
  oldScore: number | null;
  oldStatus: MarkStatus | null;
  newScore: number | null;
  newStatus: MarkStatus | null;
  newFeedback: string | null;
  reason: string | null;
  changedAt: string;
  changedBy: string | null;
};

/** The focused cell in full: status, feedback, reason, history, and conflicts to settle. */
export function CellPanel({
  candidate,
  assessment,
  cell,
  locked,
  onSave,
  onKeepTheirs,
  onUseMine,
}: {
  candidate: GbCandidate | null;
  assessment: GbAssessment | null;
  cell: CellState | null;
  locked: boolean;
  onSave: (value: { score: number | null; status: MarkStatus }, feedback: string | null, reason: string) => void;
  onKeepTheirs: () => void;
  onUseMine: () => void;
}) {
  const saved = cell?.saved ?? null;
  const [status, setStatus] = React.useState<MarkStatus>(saved?.status ?? "graded");
  const [score, setScore] = React.useState(saved?.score === null || saved?.score === undefined ? "" : String(saved.score));
  const [feedback, setFeedback] = React.useState(saved?.feedback ?? "");
  const [reason, setReason] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [history, setHistory] = React.useState<HistoryRow[] | null>(null);
  const [loadingHistory, setLoadingHistory] = React.useState(false);

  if (!candidate || !assessment) {
    return (
      <aside className="w-full shrink-0 rounded-lg border bg-card p-4 text-sm text-muted-foreground lg:w-80" aria-label="Selected mark">
        <p className="font-medium text-foreground">Select a cell</p>
        <p className="mt-2">Type a score and press Enter, Tab or an arrow key to move on. Each cell saves on its own.</p>
        <ul className="mt-3 space-y-1">
          <li>
            <kbd className="rounded border px-1">AB</kbd> absent, <kbd className="rounded border px-1">MI</kbd> missing — count as 0
          </li>
          <li>
            <kbd className="rounded border px-1">EX</kbd> excused — not counted
          </li>
          <li>
            <kbd className="rounded border px-1">15L</kbd> late, keeps its score
          </li>
          <li>Paste a block copied from a spreadsheet into any cell.</li>
        </ul>
      </aside>
    );
  }

  const withScore = status === "graded" || status === "late";
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = withScore
      ? parseCell(score === "" ? "" : status === "late" ? `${score}L` : score, assessment.maxScore)
      : ({ ok: true, value: { score: null, status } } as const);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    onSave(parsed.value, feedback.trim() || null, reason);
    setReason("");
  };

  return (
    <aside className="w-full shrink-0 space-y-4 rounded-lg border bg-card p-4 text-sm lg:w-80" aria-label="Selected mark" data-testid="cell-panel">
      <div>
        <p className="font-semibold">{candidate.fullName}</p>
        <p className="text-muted-foreground">
          {assessment.name} · out of {assessment.maxScore} · weight {assessment.weight}
        </p>
        <p id="cell-panel-status" className="mt-1" aria-live="polite" data-testid="cell-status">
          {cell?.state === "saving" && "Saving…"}
          {cell?.state === "saved" && "Saved"}
          {cell?.state === "error" && <span className="text-destructive">Not saved: {cell.error}</span>}
          {cell?.state === "conflict" && <span className="text-amber-700">Conflict: someone else changed this mark</span>}
        </p>
      </div>

      {cell?.state === "conflict" && cell.conflict && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="conflict">
          <p>
            Saved by someone else: <strong data-testid="conflict-theirs">{formatCell(cell.conflict.current) || "empty"}</strong>
          </p>
          <p>
            Yours: <strong data-testid="conflict-yours">{formatCell(cell.conflict.yours) || "empty"}</strong>
          </p>
          <div className="flex gap-2">
            <Button size="sm" variant="outline" onClick={onKeepTheirs}>
              Keep theirs
            </Button>
            <Button size="sm" onClick={onUseMine}>
              Use mine
            </Button>
          </div>
        </div>
      )}

      {!locked && (
        <form onSubmit={submit} className="space-y-3">
          <label className="grid gap-1.5">
            <span className="font-medium">Status</span>
            <NativeSelect value={status} onChange={(e) => setStatus(e.target.value as MarkStatus)}>
              {MARK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </NativeSelect>
          </label>
          {withScore && (
            <label className="grid gap-1.5">
              <span className="font-medium">Score (out of {assessment.maxScore})</span>
              <Input value={score} onChange={(e) => setScore(e.target.value)} inputMode="decimal" aria-invalid={!!error || undefined} />
            </label>
          )}
          {error && <p className="text-destructive">{error}</p>}
          <label className="grid gap-1.5">
            <span className="font-medium">Feedback</span>
            <Textarea
              value={feedback}
              onChange={(e) => setFeedback(e.target.value)}
              rows={3}
              maxLength={2000}
              placeholder="Shown to the candidate and guardians in reports"
            />
          </label>
          <label className="grid gap-1.5">
            <span className="font-medium">Reason for change (optional)</span>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. Re-marked after review" />
          </label>
          <Button type="submit" size="sm">
            Save mark
          </Button>
        </form>
      )}
      {locked && <p className="text-muted-foreground">The term is locked; marks are final.</p>}
      {saved?.feedback && locked && <p className="whitespace-pre-wrap">{saved.feedback}</p>}

      <div>
        <Button
          size="sm"
          variant="ghost"
          disabled={loadingHistory}
          onClick={async () => {
            setLoadingHistory(true);
            const r = await markHistoryAction(null, { assessmentId: assessment.id, candidateId: candidate.id });
            setLoadingHistory(false);
            setHistory(r.ok ? r.data : []);
          }}
        >
          <History className="size-4" aria-hidden /> {history ? "Refresh history" : "Show history"}
        </Button>
        {history && (
          <ol className="mt-2 space-y-2" data-testid="mark-history">
            {history.length === 0 && <li className="text-muted-foreground">No changes yet.</li>}
            {history.map((h) => (
              <li key={h.id} className="rounded border p-2">
                <p>
                  <span className="text-muted-foreground">{formatCell(h.oldStatus ? { score: h.oldScore, status: h.oldStatus } : null) || "empty"}</span> →{" "}
                  <strong>{formatCell(h.newStatus ? { score: h.newScore, status: h.newStatus } : null) || "empty"}</strong>
                </p>
                <p className="text-xs text-muted-foreground">
                  {h.changedBy ?? "Markbook"} · {formatDateTime(h.changedAt)}
                  {h.reason ? ` · ${h.reason}` : ""}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
