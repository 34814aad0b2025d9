import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SectionCard } from "@/components/ui/section-card";
import { hasAdmin } from "@/db/queries/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Markbook" };

export default async function SetupPage() {
  // Only while no admin exists; afterwards the page is gone.
  if (await hasAdmin()) notFound();
  return (
    <SectionCard level={1} title="Set up Markbook" description="Create the first administrator. You will invite everyone else from inside.">
      <SetupForm />
    </SectionCard>
  );
}
