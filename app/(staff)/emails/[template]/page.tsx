import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/current-user";
import { EMAIL_TEMPLATES, type EmailTemplate } from "@/lib/constants";
import { TEMPLATES } from "@/lib/email/templates";
import { renderEmail } from "@/lib/email/render";
import { branding } from "@/lib/email";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export const metadata: Metadata = { title: "Email preview" };

export default async function EmailPreviewPage({ params }: { params: Promise<{ template: string }> }) {
  await requirePermission("email.preview");
  const t = (await params).template as EmailTemplate;
  if (!EMAIL_TEMPLATES.includes(t)) notFound();
  const props = { ...TEMPLATES[t].component.PreviewProps, branding: await branding() };
  const r = await renderEmail(t, props as never);
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">
        <Link href="/emails" className="hover:underline">
          Email templates
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{TEMPLATES[t].label}</h1>
      <p className="text-sm">
        <span className="text-muted-foreground">Subject:</span> <span data-testid="preview-subject">{r.subject}</span>
      </p>
      <Tabs defaultValue="html">
        <TabsList>
          <TabsTrigger value="html">Email</TabsTrigger>
          <TabsTrigger value="text">Plain text</TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          <iframe title={`${TEMPLATES[t].label} preview`} sandbox="" srcDoc={r.html} className="h-[75vh] w-full rounded-lg border bg-white" />
        </TabsContent>
        <TabsContent value="text">
          <pre className="whitespace-pre-wrap rounded-lg border bg-card p-4 text-sm">{r.text}</pre>
        </TabsContent>
      </Tabs>
    </div>
  );
}
