import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { SectionCard } from "@/components/ui/section-card";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasAdmin } from "@/db/queries/users";
import { first, type SearchParams } from "@/lib/list";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  if (!(await hasAdmin())) redirect("/setup");
  if (await getCurrentUser()) redirect("/dashboard");
  const reason = first(sp.reason);
  return (
    <SectionCard level={1} title="Sign in" description="Welcome back. Use the email your administrator invited." contentClassName="space-y-4">
      {reason === "signed-out" && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="signed-out-notice">
          Your session has ended. Please sign in again.
        </p>
      )}
      {reason === "password-set" && (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">Your password is set. Sign in with it now.</p>
      )}
      <SignInForm callbackUrl={first(sp.callbackUrl)} />
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-primary hover:underline">
          Forgot your password?
        </Link>
      </p>
    </SectionCard>
  );
}
