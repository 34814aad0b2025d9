import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ShieldX } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "No access" };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center" data-testid="forbidden">
      <ShieldX className="size-10 text-destructive" aria-hidden />
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="max-w-md text-sm text-muted-foreground">Your role does not include this area of Markbook. If you need it, ask an administrator.</p>
      <Link href="/dashboard" className={buttonVariants()}>
        Back to dashboard
      </Link>
    </main>
  );
}
