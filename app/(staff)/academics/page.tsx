import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format";
import { listPrograms } from "@/db/queries/programs";
import { listScales } from "@/db/queries/grading-scales";
import { listTerms } from "@/db/queries/terms";
import { listPercentConversions } from "@/db/queries/percent-conversions";
import { ConversionDialog } from "@/components/academics/conversion-dialog";
import { GRADE_CARD_VARIANTS } from "@/lib/constants";
import { DEFAULT_CONVERSION_KEY } from "@/lib/results/gpa";
const CARD_SHORT: Record<(typeof GRADE_CARD_VARIANTS)[number], string> = { college: "College", school: "School" };
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgramDialog } from "@/components/academics/program-dialog";
import { DeleteProgramButton, LockTermButton, TermDialog, UnlockTermDialog } from "@/components/academics/term-dialogs";

export const metadata: Metadata = { title: "Programs & terms" };

export default async function AcademicsPage() {
  const user = await requirePermission("academics.manage");
  const [programs, terms, scales, conversions] = await Promise.all([listPrograms(), listTerms(), listScales(), listPercentConversions(user)]);
  const scaleName = new Map(scales.map((s) => [s.id, s.name]));
  const conversionName = new Map(conversions.map((c) => [c.id, c.name]));
  const defaultConversion = conversions.find((c) => c.key === DEFAULT_CONVERSION_KEY)?.name ?? "CGPA × 10";
  return (
    <>
      <PageHeader
        title="Programs & terms"
        description={
          <>
            The academic structure. Courses live under{" "}
            <Link href="/courses" className="text-primary underline underline-offset-2">
              Courses
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <SectionCard
          title="Programs"
          description="Each program grades on its own scale, or the institution's default."
          actions={<ProgramDialog scales={scales} conversions={conversions} />}
        >
          {programs.length === 0 ? (
            <EmptyState title="No programs yet" description="Create your first program, e.g. B.Sc Computer Science." />
          ) : (
            <Table data-testid="programs-table">
              <TableHeader>
                <TableRow>
                  <TableHead>Code</TableHead>
                  <TableHead>Name</TableHead>
                  <TableHead>Scale</TableHead>
                  <TableHead className="text-right">Courses</TableHead>
                  <TableHead className="text-right">Candidates</TableHead>
                  <TableHead className="sr-only">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {programs.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell className="font-medium">{p.code}</TableCell>
                    <TableCell className="min-w-40 whitespace-normal">
                      {p.name}
                      <span className="block text-xs text-muted-foreground" data-testid="program-gpa-policy">
                        SGPA/CGPA to {p.gpaPlaces} places, {p.gpaRounding} ·{" "}
                        {(p.percentConversionId && conversionName.get(p.percentConversionId)) || defaultConversion} · {CARD_SHORT[p.gradeCard]} card
                      </span>
                    </TableCell>
                    <TableCell className="min-w-24 whitespace-normal" data-testid="program-scale">
                      {p.gradingScaleId ? scaleName.get(p.gradingScaleId) : "Default"}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      <Link href={`/courses?program=${p.id}`} className="text-primary hover:underline">
                        {p.courses}
                      </Link>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      <Link href={`/candidates?program=${p.id}`} className="text-primary hover:underline">
                        {p.candidates}
                      </Link>
                    </TableCell>
                    <TableCell className="text-right">
                      <ProgramDialog
                        program={p}
                        scales={scales}
                        conversions={conversions}
                        trigger={
                          <Button variant="ghost" size="sm">
                            Edit
                          </Button>
                        }
                      />
                      <DeleteProgramButton id={p.id} code={p.code} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </SectionCard>
        <SectionCard title="Terms" description="Lock a term when its marks are final." actions={<TermDialog />}>
          {terms.length === 0 ? (
            <EmptyState title="No terms yet" description="Create the current semester to start adding courses." />
          ) : (
            <Table data-testid="terms-table">
              <TableHeader>
                <TableRow>
                  <TableHead>Term</TableHead>
                  <TableHead>Dates</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead className="sr-only">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {terms.map((t) => (
                  <TableRow key={t.id}>
                    <TableCell className="font-medium">{t.name}</TableCell>
                    <TableCell>
                      {formatDate(t.startsOn)} – {formatDate(t.endsOn)}
                    </TableCell>
                    <TableCell>{t.locked ? <Badge variant="secondary">Locked</Badge> : <Badge variant="success">Open</Badge>}</TableCell>
                    <TableCell className="text-right">
                      <TermDialog
                        term={t}
                        trigger={
                          <Button variant="ghost" size="sm">
                            Edit
                          </Button>
                        }
                      />
                      {t.locked ? <UnlockTermDialog id={t.id} name={t.name} /> : <LockTermButton id={t.id} name={t.name} />}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </SectionCard>
      </div>
      <SectionCard
        className="mt-6"
        title="Percentage conversions"
        description="How a CGPA is converted to a percentage on the grade card. Each program picks one; the formula is printed as written here."
        actions={<ConversionDialog />}
      >
        <Table data-testid="conversions-table">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Formula</TableHead>
              <TableHead className="text-right">Programs</TableHead>
              <TableHead className="sr-only">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {conversions.map((c) => (
              <TableRow key={c.id}>
                <TableCell className="font-medium">{c.name}</TableCell>
                <TableCell>{c.formula}</TableCell>
                <TableCell className="text-right tabular-nums">{c.programs}</TableCell>
                <TableCell className="text-right">
                  <ConversionDialog
                    conversion={c}
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={`Edit ${c.name}`}>
                        Edit
                      </Button>
                    }
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </SectionCard>
    </>
  );
}
