import Link from "@/components/ui/link";
import { ArrowUpRight } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/lib/format";
import { auditHref } from "@/lib/audit";

/** A headline number that links to the list behind it. */
export function StatTile({
  label,
  value,
  sub,
  href,
  tone,
  testId,
}: {
  label: string;
  value: number | string;
  sub?: React.ReactNode;
  href: string;
  tone?: "danger" | "warning";
  testId?: string;
}) {
  return (
    <Link href={href} className="group block rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring" data-testid={testId}>
      <Card className="h-full gap-2 py-4 transition-colors group-hover:border-primary/50">
        <CardContent className="space-y-1 px-4">
          <p className="flex items-center justify-between text-sm text-muted-foreground">
            {label}
            <ArrowUpRight className="size-4 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden />
          </p>
          <p
            className={`text-3xl font-semibold tabular-nums ${tone === "danger" ? "text-destructive" : tone === "warning" ? "text-amber-700" : ""}`}
            data-testid={testId ? `${testId}-value` : undefined}
          >
            {value}
          </p>
          {sub && <p className="text-xs text-muted-foreground">{sub}</p>}
        </CardContent>
      </Card>
    </Link>
  );
}

type Activity = { id: number; at: Date; actorName: string | null; action: string; entity: string; entityId: string; after: Record<string, unknown> | null };

function describe(a: Activity): string {
  const name = (a.after?.fullName ?? a.after?.studentName ?? a.after?.title ?? a.after?.name ?? a.after?.code) as string | undefined;
  const what = a.entity.replace(/_/g, " ");
  const verb = a.action.replace(/-/g, " ");
  return `${verb} ${what}${name ? `: ${name}` : ` #${a.entityId}`}`;
}

/** Recent activity from the audit trail. */
export function ActivityList({ items }: { items: Activity[] }) {
  if (!items.length) return <p className="text-sm text-muted-foreground">Nothing yet.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="recent-activity">
      {items.map((a) => {
        const href = auditHref(a.entity, a.entityId);
        return (
          <li key={a.id} className="flex flex-wrap justify-between gap-x-3">
            <span>
              <span className="font-medium">{a.actorName ?? "Markbook"}</span>{" "}
              {href ? (
                <Link href={href} className="text-primary hover:underline">
                  {describe(a)}
                </Link>
              ) : (
                describe(a)
              )}
            </span>
            <span className="text-xs text-muted-foreground">{formatDateTime(a.at)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function FollowupList({
  items,
}: {
  items: { id: number; studentName: string; programOfInterest: string; followUpOn: string | null; nextStep: string | null; ownerName: string | null }[];
}) {
  if (!items.length) return <p className="text-sm text-muted-foreground">No follow-ups scheduled.</p>;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <ul className="space-y-2 text-sm" data-testid="next-followups">
      {items.map((f) => (
        <li key={f.id} className="flex items-center justify-between gap-2">
          <span>
            <Link href={`/leads/${f.id}`} className="font-medium text-primary hover:underline">
              {f.studentName}
            </Link>
            <span className="block text-xs text-muted-foreground">
              {f.programOfInterest} · {f.nextStep ?? "no next step"} · {f.ownerName ?? "—"}
            </span>
          </span>
          <span className={`shrink-0 text-xs tabular-nums ${f.followUpOn && f.followUpOn < today ? "font-medium text-destructive" : ""}`}>
            {formatDate(f.followUpOn)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TaskList({ items, now = new Date() }: { items: { id: number; title: string; dueAt: Date | null; ownerName: string | null }[]; now?: Date }) {
  if (!items.length) return <p className="text-sm text-muted-foreground">No open tasks.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="upcoming-tasks">
      {items.map((t) => (
        <li key={t.id} className="flex items-center justify-between gap-2">
          <span className="font-medium">{t.title}</span>
          <span className={`shrink-0 text-xs tabular-nums ${t.dueAt && t.dueAt < now ? "font-medium text-destructive" : "text-muted-foreground"}`}>
            {t.dueAt ? formatDateTime(t.dueAt) : "no due date"} · {t.ownerName ?? "—"}
          </span>
        </li>
      ))}
    </ul>
  );
}
