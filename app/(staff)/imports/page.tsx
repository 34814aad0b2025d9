import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { first, type SearchParams } from "@/lib/list";
import { formatDateTime } from "@/lib/format";
import { canImport, lastMapping, listImports } from "@/db/queries/imports";
import { getCourse } from "@/db/queries/courses";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ImportWizard } from "@/components/imports/import-wizard";
import { UndoImportButton } from "@/components/imports/undo-import-button";

export const metadata: Metadata = { title: "Imports" };

type Kind = "marks" | "attendance" | "candidates";

export default async function ImportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("imports.run");
  const sp = await searchParams;
  const kinds = (["marks", "attendance", "candidates"] as const).filter((k) => canImport(user, k));
  const asked = first(sp.kind) as Kind | undefined;
  const initialKind = asked && kinds.includes(asked) ? asked : kinds[0];
  const courseId = Number(first(sp.courseId)) || null;
  const course = courseId ? await getCourse(user, courseId).catch(() => null) : null;
  const [history, ...mappings] = await Promise.all([listImports(user), ...kinds.map((k) => lastMapping(user, k))]);
  const lastMappings = Object.fromEntries(kinds.map((k, i) => [k, mappings[i]]));
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Upload, match the columns, check every row, then import all at once. Importing the same file twice changes nothing."
      />
      <ImportWizard
        kinds={kinds}
        initialKind={initialKind}
        courseId={course?.id ?? null}
        courseLabel={course ? `${course.code} ${course.name}` : null}
        lastMappings={lastMappings}
      />
      <SectionCard className="mt-8" title="Recent imports">
        {history.length === 0 ? (
          <EmptyState title="No imports yet" />
        ) : (
          <Table data-testid="imports-table">
            <TableHeader>
              <TableRow>
                <TableHead>#</TableHead>
                <TableHead>File</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead>By</TableHead>
                <TableHead>When</TableHead>
                <TableHead className="text-right">Created</TableHead>
                <TableHead className="text-right">Changed</TableHead>
                <TableHead className="text-right">Unchanged</TableHead>
                <TableHead>State</TableHead>
                <TableHead className="sr-only">Undo</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.map((h) => (
                <TableRow key={h.id}>
                  <TableCell className="tabular-nums">{h.id}</TableCell>
                  <TableCell>{h.fileName}</TableCell>
                  <TableCell className="capitalize">{h.kind}</TableCell>
                  <TableCell>{h.by ?? "—"}</TableCell>
                  <TableCell>{formatDateTime(h.createdAt)}</TableCell>
                  <TableCell className="text-right tabular-nums">{h.counts.created}</TableCell>
                  <TableCell className="text-right tabular-nums">{h.counts.updated}</TableCell>
                  <TableCell className="text-right tabular-nums">{h.counts.unchanged}</TableCell>
                  <TableCell>{h.status === "undone" ? <Badge variant="secondary">Undone</Badge> : <Badge variant="success">Imported</Badge>}</TableCell>
                  <TableCell className="text-right">
                    {h.status === "committed" && h.counts.created + h.counts.updated > 0 && <UndoImportButton id={h.id} fileName={h.fileName} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
    </>
  );
}
