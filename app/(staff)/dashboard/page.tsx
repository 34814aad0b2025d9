import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard" };

const INTRO = {
  admin: "Everything across the institution: people, programs, results and relationships.",
  faculty: "Your courses, your advisees and the students who need you first.",
  counsellor: "Your leads, follow-ups and the candidates to reach out to.",
} as const;

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Welcome back, ${user.fullName.split(" ")[0]}`} description={INTRO[user.role]} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid={`dashboard-${user.role}`}>
        <Card>
          <CardHeader>
            <CardTitle>Getting started</CardTitle>
            <CardDescription>Your dashboard fills in as your institution&apos;s data arrives.</CardDescription>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">Use the navigation to reach the areas your role covers.</CardContent>
        </Card>
      </div>
    </>
  );
}
