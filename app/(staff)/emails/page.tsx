import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/current-user";
import { TEMPLATES } from "@/lib/email/templates";
import { EMAIL_TEMPLATES } from "@/lib/constants";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Email templates" };

export default async function EmailTemplatesPage() {
  await requirePermission("email.preview");
  return (
    <>
      <PageHeader title="Email templates" description="What Markbook sends, shown with sample data and your institution's branding." />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {EMAIL_TEMPLATES.map((t) => (
          <Link key={t} href={`/emails/${t}`} className="block">
            <Card className="h-full transition-colors hover:border-primary/50">
              <CardHeader>
                <CardTitle>{TEMPLATES[t].label}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">{TEMPLATES[t].subject(TEMPLATES[t].component.PreviewProps as never)}</CardContent>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
