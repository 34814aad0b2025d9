import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Lock } from "lucide-react";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { getCourseScheme } from "@/db/queries/schemes";
import { CurrentScheme, SchemeHistory } from "@/components/schemes/scheme-view";
import { SchemeEditor } from "@/components/schemes/scheme-editor";

export const metadata: Metadata = { title: "Scheme" };

export default async function SchemePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("marks.read");
  const id = idParam((await params).id);
  const data = await loadOr404(getCourseScheme(user, id));
  const { course } = data;
  const canEdit = can(user.role, "assessments.manage") && !course.termLocked;
  // A version saved with a later date is not in effect yet; an edit starts from it all the same.
  const upcoming = data.latest && data.latest.version !== data.version ? data.latest : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-muted-foreground">
            <Link href={`/courses/${course.id}`} className="hover:underline">
              {course.code} · {course.termName}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Scheme: {course.name}</h1>
        </div>
      </div>
      {course.termLocked && (
        <div className="flex items-start gap-2 rounded-md border bg-muted p-3 text-sm" data-testid="locked-notice">
          <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            <span className="font-medium">Term locked — read only.</span> Its results are final and keep the scheme they were computed with. An admin can unlock
            the term (giving a reason) to change it.
          </p>
        </div>
      )}
      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <CurrentScheme
          scheme={data.scheme}
          version={data.version}
          effectiveFrom={data.effectiveFrom}
          presetId={data.presetId}
          upcoming={upcoming && { version: upcoming.version, effectiveFrom: upcoming.effectiveFrom }}
        />
        <SchemeHistory history={data.history} />
      </div>
      {canEdit && (
        <section aria-labelledby="scheme-editor-heading" className="space-y-4">
          <h2 id="scheme-editor-heading" className="text-xl font-semibold tracking-tight">
            Edit the scheme
          </h2>
          <SchemeEditor
            courseId={course.id}
            basedOn={data.latestVersion}
            scheme={upcoming?.scheme ?? data.scheme}
            presetId={upcoming ? upcoming.presetId : data.presetId}
            today={new Date().toISOString().slice(0, 10)}
            assessments={data.assessments}
          />
        </section>
      )}
    </div>
  );
}
