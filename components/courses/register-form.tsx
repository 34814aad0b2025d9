"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "@/lib/constants";
import { fromCounts, formatPercent } from "@/lib/results";
import { cn } from "@/lib/utils";
import { saveRegisterAction } from "@/app/(staff)/courses/[id]/attendance/actions";

type Row = { candidateId: number; fullName: string; candidateNumber: string; status: AttendanceStatus; note: string | null };

const LABEL: Record<AttendanceStatus, string> = { present: "Present", absent: "Absent", late: "Late", excused: "Excused" };

export function RegisterForm({ sessionId, courseId, rows, locked }: { sessionId: number; courseId: number; rows: Row[]; locked: boolean }) {
  const router = useRouter();
  const [entries, setEntries] = React.useState(rows);
  const [pending, start] = React.useTransition();
  const [dirty, setDirty] = React.useState(false);
  const counts = { present: 0, late: 0, absent: 0, excused: 0 };
  for (const e of entries) counts[e.status] += 1;
  const rate = fromCounts({ ...counts, sessions: entries.length });

  const set = (i: number, patch: Partial<Row>) => {
    setEntries((prev) => prev.map((e, j) => (j === i ? { ...e, ...patch } : e)));
    setDirty(true);
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(ev) => {
        ev.preventDefault();
        start(async () => {
          const r = await saveRegisterAction(null, { sessionId, courseId, entries: entries.map((e) => ({ candidateId: e.candidateId, status: e.status, note: e.note })) });
          if (r.ok) {
            toast.success(r.data.changed ? `Register saved (${r.data.changed} changed)` : "Register saved");
            setDirty(false);
            router.refresh();
          } else toast.error(r.message);
        });
      }}
    >
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="register-summary">
        {counts.present} present · {counts.late} late · {counts.absent} absent · {counts.excused} excused — attendance {formatPercent(rate.rate)}
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
            {entries.map((e, i) => (
              <tr key={e.candidateId} className="border-b last:border-0">
                <td className="px-3 py-2">
                  <span className="font-medium">{e.fullName}</span> <span className="text-muted-foreground">{e.candidateNumber}</span>
                </td>
                <td className="px-3 py-2">
                  <fieldset className="flex flex-wrap gap-1" disabled={locked}>
                    <legend className="sr-only">Attendance of {e.fullName}</legend>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <label
                        key={s}
                        className={cn(
                          "cursor-pointer rounded-md border px-2 py-1 text-xs has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:text-primary-foreground has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                        )}
                      >
                        <input type="radio" className="sr-only" name={`status-${e.candidateId}`} value={s} checked={e.status === s} onChange={() => set(i, { status: s })} />
                        {LABEL[s]}
                      </label>
                    ))}
                  </fieldset>
                </td>
                <td className="px-3 py-2">
                  <Input aria-label={`Note for ${e.fullName}`} value={e.note ?? ""} onChange={(ev) => set(i, { note: ev.target.value })} disabled={locked} maxLength={500} className="h-8" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!locked && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save register"}
          </Button>
          {dirty && <span className="text-sm text-muted-foreground">Unsaved changes</span>}
        </div>
      )}
    </form>
  );
}
