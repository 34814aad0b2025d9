import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasAdmin } from "@/db/queries/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Markbook" };

export default async function SetupPage() {
  // Only while no admin exists; afterwards the page is gone.
  if (await hasAdmin()) notFound();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Set up Markbook</h1>
        </CardTitle>
        <CardDescription>Create the first administrator. You will invite everyone else from inside.</CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm />
      </CardContent>
    </Card>
  );
}
