import type { Scheme } from "@/lib/results/scheme";
import { formatDate, formatDateTime } from "@/lib/format";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { presetById } from "@/lib/results/presets";
import { bandLines, describeComponent, describePass, describeRounding, PART_LABELS } from "./scheme-draft";

export type SchemeVersionRow = { version: number; effectiveFrom: string; createdAt: Date | string; createdByName: string | null };

/** The scheme a course is computed with now, read-only: what the editor starts from, and all a locked term shows. */
export function CurrentScheme({
  scheme,
  version,
  effectiveFrom,
  presetId,
  upcoming,
}: {
  scheme: Scheme;
  version: number | null;
  effectiveFrom: string | null;
  presetId: string | null;
  /** A newer version saved with a date still to come. */
  upcoming?: { version: number; effectiveFrom: string } | null;
}) {
  const preset = presetId ? presetById(presetId) : undefined;
  const description =
    version === null ? (
      "Default: weighted mean — this course has no scheme of its own yet."
    ) : (
      <>
        Version {version}, in effect since {formatDate(effectiveFrom)}
        {preset ? ` · started from “${preset.name}”` : ""}
      </>
    );
  return (
    <SectionCard title="Current scheme" description={<span data-testid="current-version">{description}</span>} data-testid="current-scheme">
      <div className="space-y-3">
        {upcoming && (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="upcoming-version">
            Version {upcoming.version} takes effect on {formatDate(upcoming.effectiveFrom)}; the editor below starts from it.
          </p>
        )}
        <ul className="divide-y rounded-md border text-sm" data-testid="current-components">
          {scheme.components.map((c) => (
            <li key={c.key} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2">
              <span className="font-medium">{c.name}</span>
              <span className="text-muted-foreground">
                {PART_LABELS[c.part]} · {describeComponent(c)}
              </span>
              {c.source === "attendance" && c.bands?.length ? (
                <span className="w-full text-xs text-muted-foreground">{bandLines(c.bands).join(" · ")}</span>
              ) : null}
            </li>
          ))}
        </ul>
        <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-muted-foreground">Rounding</dt>
          <dd>{describeRounding(scheme.rounding)}</dd>
          <dt className="text-muted-foreground">Pass rules</dt>
          <dd>{describePass(scheme.pass)}</dd>
        </dl>
      </div>
    </SectionCard>
  );
}

export function SchemeHistory({ history }: { history: SchemeVersionRow[] }) {
  return (
    <SectionCard title="Versions" description="Each save is a new version with the date it takes effect; a locked term keeps the version it was computed with.">
      {history.length === 0 ? (
        <p className="text-sm text-muted-foreground">No versions yet: the course uses the default weighted mean.</p>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="scheme-history">
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead>
                <TableHead>Takes effect</TableHead>
                <TableHead>Saved</TableHead>
                <TableHead>By</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.map((h) => (
                <TableRow key={h.version}>
                  <TableCell className="tabular-nums">{h.version}</TableCell>
                  <TableCell>{formatDate(h.effectiveFrom)}</TableCell>
                  <TableCell>{formatDateTime(h.createdAt)}</TableCell>
                  <TableCell>{h.createdByName ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </SectionCard>
  );
}
