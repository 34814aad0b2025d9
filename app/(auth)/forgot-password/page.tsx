import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { SectionCard } from "@/components/ui/section-card";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <SectionCard level={1} title="Forgot your password?" description="We'll email you a link to choose a new one." contentClassName="space-y-4">
      <ForgotForm />
      <p className="text-center text-sm">
        <Link href="/sign-in" className="text-primary hover:underline">
          Back to sign in
        </Link>
      </p>
    </SectionCard>
  );
}
