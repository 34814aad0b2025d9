import { ArrowRight } from "lucide-react";
import { OUTCOME_LABELS } from "@/lib/constants";
import { formatPercent, formatShown } from "@/lib/results/round";
import type { Outcome } from "@/lib/results/scheme";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SchemePreview } from "@/db/queries/schemes";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 of 8 candidates' results change; largest change 4.5 points; 1 outcome flips". */
export function previewSentence(p: SchemePreview): string {
  const whose = p.candidates === 1 ? "candidate's result" : "candidates' results";
  const parts = [`${p.changed} of ${p.candidates} ${whose} ${p.changed === 1 ? "changes" : "change"}`];
  if (p.maxChange !== null && p.changed > 0) parts.push(`largest change ${formatShown(p.maxChange)} points`);
  parts.push(plural(p.flips.length, "outcome flips", "outcomes flip"));
  return parts.join("; ");
}

function OutcomeBadge({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return <span className="text-muted-foreground">—</span>;
  const variant = outcome === "pass" ? "success" : outcome === "fail" ? "destructive" : outcome === "absent" ? "warning" : "outline";
  return <Badge variant={variant}>{OUTCOME_LABELS[outcome]}</Badge>;
}

function Change({ from, to }: { from: number | null; to: number | null }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap tabular-nums">
      {formatPercent(from)} <ArrowRight className="size-3 text-muted-foreground" aria-label="to" /> {formatPercent(to)}
    </span>
  );
}

const diff = (from: number | null, to: number | null) =>
  from === null || to === null ? "—" : `${to - from >= 0 ? "+" : "−"}${formatShown(Math.abs(to - from))}`;

/** What saving the edited scheme would do to the course's candidates; nothing is written until it is saved. */
export function SchemePreviewResult({ preview }: { preview: SchemePreview }) {
  return (
    <div className="space-y-4" data-testid="scheme-preview">
      <p className="font-medium" data-testid="preview-summary" aria-live="polite">
        {previewSentence(preview)}
        {preview.meanChange !== null && preview.changed > 0 && (
          <span className="font-normal text-muted-foreground"> (mean change {formatShown(preview.meanChange)} points)</span>
        )}
      </p>
      {preview.flips.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Outcomes that flip</h3>
          <div className="overflow-x-auto rounded-md border">
            <Table data-testid="preview-flips">
              <TableHeader>
                <TableRow>
                  <TableHead>Candidate</TableHead>
                  <TableHead className="hidden sm:table-cell">Number</TableHead>
                  <TableHead className="hidden sm:table-cell">Result</TableHead>
                  <TableHead>Outcome</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.flips.map((f) => (
                  <TableRow key={f.candidateId}>
                    <TableCell className="font-medium">
                      {f.fullName}
                      <span className="block text-xs font-normal text-muted-foreground sm:hidden">
                        {f.number} · <Change from={f.fromShown} to={f.toShown} />
                      </span>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{f.number}</TableCell>
                    <TableCell className="hidden sm:table-cell">
                      <Change from={f.fromShown} to={f.toShown} />
                    </TableCell>
                    <TableCell>
                      <span className="inline-flex items-center gap-1">
                        <OutcomeBadge outcome={f.from} /> <ArrowRight className="size-3 text-muted-foreground" aria-label="to" />{" "}
                        <OutcomeBadge outcome={f.to} />
                      </span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
      {preview.rows.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">
            {preview.changed > preview.rows.length ? `The ${preview.rows.length} largest changes` : "Results that change"}, largest first
          </h3>
          <div className="overflow-x-auto rounded-md border">
            <Table data-testid="preview-rows">
              <TableHeader>
                <TableRow>
                  <TableHead>Candidate</TableHead>
                  <TableHead className="hidden sm:table-cell">Number</TableHead>
                  <TableHead>Result</TableHead>
                  <TableHead className="hidden sm:table-cell">Grade</TableHead>
                  <TableHead className="text-right">Change</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.rows.map((r) => (
                  <TableRow key={r.candidateId}>
                    <TableCell className="font-medium">
                      {r.fullName}
                      <span className="block text-xs font-normal text-muted-foreground sm:hidden">{r.number}</span>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{r.number}</TableCell>
                    <TableCell>
                      <Change from={r.fromShown} to={r.toShown} />
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">
                      {r.fromGrade === r.toGrade ? (r.toGrade ?? "—") : `${r.fromGrade ?? "—"} → ${r.toGrade ?? "—"}`}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{diff(r.fromShown, r.toShown)} pts</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
    </div>
  );
}
