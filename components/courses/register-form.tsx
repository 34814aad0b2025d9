"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ATTENDANCE_STATUS_LABELS as LABEL, ATTENDANCE_STATUSES, type AttendanceStatus } from "@/lib/constants";
import { addCount, emptyCounts, fromCounts, formatPercent, type AttendancePolicy } from "@/lib/results";
import { cn } from "@/lib/utils";
import type { RegisterConflict, RegisterSaved, RegisterValue } from "@/db/queries/attendance";
import { saveRegisterAction } from "@/app/(staff)/courses/[id]/attendance/actions";

type Row = { candidateId: number; fullName: string; candidateNumber: string; status: AttendanceStatus; note: string | null; version: number | null };
/** A row on the form: what is typed, and the record it was based on (its version and values). */
type Entry = Row & { base: RegisterValue; conflict?: RegisterConflict };

const edited = (e: Entry) => e.status !== e.base.status || (e.note ?? "").trim() !== (e.base.note ?? "");
const describe = (v: RegisterValue | null) => (v ? `${LABEL[v.status]}${v.note ? ` — “${v.note}”` : ""}` : "Not recorded");

/** The form's rows after a save: saved rows take the record as stored; conflicting rows keep what was typed. */
function merge(entries: Entry[], saved: RegisterSaved): Entry[] {
  const rows = new Map(saved.rows.map((r) => [r.candidateId, r]));
  const conflicts = new Map(saved.conflicts.map((c) => [c.candidateId, c]));
  return entries.map((e) => {
    const conflict = conflicts.get(e.candidateId);
    if (conflict) return { ...e, conflict };
    const r = rows.get(e.candidateId);
    if (!r) return e;
    return { ...e, status: r.status, note: r.note, version: r.version, base: { status: r.status, note: r.note }, conflict: undefined };
  });
}

export function RegisterForm({
  sessionId,
  courseId,
  rows,
  locked,
  counting,
}: {
  sessionId: number;
  courseId: number;
  rows: Row[];
  locked: boolean;
  /** How the course's program counts on-duty and medical days. */
  counting: AttendancePolicy;
}) {
  const router = useRouter();
  const [entries, setEntries] = React.useState<Entry[]>(() => rows.map((r) => ({ ...r, base: { status: r.status, note: r.note } })));
  const [pending, start] = React.useTransition();
  const [status, setStatus] = React.useState("");
  const counts = emptyCounts();
  for (const e of entries) addCount(counts, e.status);
  const rate = fromCounts(counts, counting);
  const open = entries.filter((e) => e.conflict).length;
  const dirty = entries.some((e) => edited(e) || e.conflict);

  const set = (candidateId: number, patch: Partial<Entry>) => setEntries((prev) => prev.map((e) => (e.candidateId === candidateId ? { ...e, ...patch } : e)));

  const save = (list: Entry[], after?: (saved: RegisterSaved) => void) =>
    start(async () => {
      const r = await saveRegisterAction(null, {
        sessionId,
        courseId,
        entries: list.map((e) => ({
          candidateId: e.candidateId,
          status: e.status,
          note: e.note,
          expectedVersion: e.conflict ? (e.conflict.theirs?.version ?? null) : e.version,
          edited: e.conflict ? true : edited(e),
        })),
      });
      if (!r.ok) {
        toast.error(r.message);
        setStatus(`Not saved: ${r.message}`);
        return;
      }
      setEntries((prev) => merge(prev, r.data));
      after?.(r.data);
      router.refresh();
    });

  const report = (d: RegisterSaved) => {
    const parts = d.changed ? [`Register saved (${d.changed} changed).`] : d.conflicts.length ? [] : ["Register saved."];
    if (d.keptTheirs) parts.push(`${d.keptTheirs} ${d.keptTheirs === 1 ? "row was" : "rows were"} updated by someone else and now show their values.`);
    if (d.conflicts.length)
      parts.push(
        `${d.conflicts.length} ${d.conflicts.length === 1 ? "row was" : "rows were"} changed by someone else since you opened the register: choose below which to keep.`,
      );
    const text = parts.join(" ");
    setStatus(text);
    if (d.conflicts.length) toast.warning(text);
    else toast.success(text);
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(ev) => {
        ev.preventDefault();
        // A row in conflict waits for its own choice; saving the rest leaves it as it is.
        save(
          entries.filter((e) => !e.conflict),
          report,
        );
      }}
    >
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="register-summary">
        {counts.present} present · {counts.late} late · {counts.absent} absent · {counts.excused} excused
        {counts.onDuty > 0 && ` · ${counts.onDuty} on duty`}
        {counts.medical > 0 && ` · ${counts.medical} medical`} — attendance {formatPercent(rate.rate)}
      </p>
      <div className="overflow-x-auto rounded-lg border bg-card">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <th className="px-3 py-2 font-medium">Candidate</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Note</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <React.Fragment key={e.candidateId}>
                <tr className={cn("border-b last:border-0", e.conflict && "bg-amber-50")} data-testid={`register-row-${e.candidateId}`}>
                  <td className="px-3 py-2">
                    <span className="font-medium">{e.fullName}</span> <span className="text-muted-foreground">{e.candidateNumber}</span>
                  </td>
                  <td className="px-3 py-2">
                    <fieldset className="flex flex-wrap gap-1" disabled={locked || pending}>
                      <legend className="sr-only">Attendance of {e.fullName}</legend>
                      {ATTENDANCE_STATUSES.map((s) => (
                        <label
                          key={s}
                          className={cn(
                            "cursor-pointer rounded-md border px-2 py-1 text-xs has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:text-primary-foreground has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                          )}
                        >
                          <input
                            type="radio"
                            className="sr-only"
                            name={`status-${e.candidateId}`}
                            value={s}
                            checked={e.status === s}
                            onChange={() => set(e.candidateId, { status: s })}
                          />
                          {LABEL[s]}
                        </label>
                      ))}
                    </fieldset>
                  </td>
                  <td className="px-3 py-2">
                    <Input
                      aria-label={`Note for ${e.fullName}`}
                      value={e.note ?? ""}
                      onChange={(ev) => set(e.candidateId, { note: ev.target.value })}
                      disabled={locked || pending}
                      maxLength={500}
                      className="h-8"
                    />
                  </td>
                </tr>
                {e.conflict && (
                  <tr className="border-b bg-amber-50">
                    <td colSpan={3} className="px-3 pb-3">
                      <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="register-conflict">
                        <p className="font-medium text-amber-800">{e.fullName}: someone else changed this row since you opened the register.</p>
                        <p>
                          Saved by {e.conflict.theirs?.recordedBy ?? "someone else"}:{" "}
                          <strong data-testid="conflict-theirs">{describe(e.conflict.theirs)}</strong>
                        </p>
                        <p>
                          Yours: <strong data-testid="conflict-yours">{describe(e.conflict.yours)}</strong>
                        </p>
                        <div className="flex gap-2">
                          <Button
                            type="button"
                            size="sm"
                            variant="outline"
                            aria-label={`Keep theirs for ${e.fullName}`}
                            onClick={() => {
                              const t = e.conflict?.theirs ?? null;
                              const value = t ? { status: t.status, note: t.note } : { status: "present" as const, note: null };
                              set(e.candidateId, { ...value, version: t?.version ?? null, base: value, conflict: undefined });
                              setStatus(`${e.fullName}: kept what was saved by ${t?.recordedBy ?? "someone else"}.`);
                            }}
                          >
                            Keep theirs
                          </Button>
                          <Button
                            type="button"
                            size="sm"
                            disabled={pending}
                            aria-label={`Overwrite with mine for ${e.fullName}`}
                            onClick={() =>
                              save([e], (d) => {
                                if (d.conflicts.length) setStatus(`${e.fullName}: changed again by someone else; choose again.`);
                                else setStatus(`${e.fullName}: saved yours.`);
                              })
                            }
                          >
                            Overwrite with mine
                          </Button>
                        </div>
                      </div>
                    </td>
                  </tr>
                )}
              </React.Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="text-sm" data-testid="register-status">
        {status}
      </p>
      {!locked && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save register"}
          </Button>
          {open > 0 ? (
            <span className="text-sm text-amber-700">
              {open} {open === 1 ? "row needs" : "rows need"} your choice
            </span>
          ) : (
            dirty && <span className="text-sm text-muted-foreground">Unsaved changes</span>
          )}
        </div>
      )}
    </form>
  );
}
