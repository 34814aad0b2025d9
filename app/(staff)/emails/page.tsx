import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { TEMPLATES } from "@/lib/email/templates";
import { EMAIL_TEMPLATES } from "@/lib/constants";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";

export const metadata: Metadata = { title: "Email templates" };

export default async function EmailTemplatesPage() {
  await requirePermission("email.preview");
  return (
    <>
      <PageHeader title="Email templates" description="What Markbook sends, shown with sample data and your institution's branding." />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {EMAIL_TEMPLATES.map((t) => (
          <Link key={t} href={`/emails/${t}`} className="block">
            <SectionCard
              className="h-full transition-colors hover:border-primary/50"
              title={TEMPLATES[t].label}
              contentClassName="text-sm text-muted-foreground"
            >
              {TEMPLATES[t].subject(TEMPLATES[t].component.PreviewProps as never)}
            </SectionCard>
          </Link>
        ))}
      </div>
    </>
  );
}
