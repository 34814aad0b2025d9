import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/constants";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { PasswordForm, ProfileForm } from "./account-forms";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requirePermission("account.self");
  return (
    <>
      <PageHeader title="My account" description={`Signed in as ${user.email} · ${ROLE_LABELS[user.role]}`} />
      <div className="grid max-w-4xl gap-6 lg:grid-cols-2">
        <SectionCard title="Profile" description="Your name as staff and parents see it.">
          <ProfileForm fullName={user.fullName} email={user.email} />
        </SectionCard>
        <SectionCard title="Password" description="Changing it signs you out everywhere else.">
          <PasswordForm />
        </SectionCard>
      </div>
    </>
  );
}
