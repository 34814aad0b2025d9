import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/constants";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PasswordForm, ProfileForm } from "./account-forms";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requirePermission("account.self");
  return (
    <>
      <PageHeader title="My account" description={`Signed in as ${user.email} · ${ROLE_LABELS[user.role]}`} />
      <div className="grid max-w-4xl gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Profile</h2>
            </CardTitle>
            <CardDescription>Your name as staff and parents see it.</CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm fullName={user.fullName} email={user.email} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Password</h2>
            </CardTitle>
            <CardDescription>Changing it signs you out everywhere else.</CardDescription>
          </CardHeader>
          <CardContent>
            <PasswordForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
