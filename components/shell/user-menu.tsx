"use client";

import Link from "@/components/ui/link";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function UserMenu({
  name,
  roleLabel,
  signOutAction,
}: {
  name: string;
  roleLabel: string;
  signOutAction: (prev: null, fd: FormData) => Promise<unknown>;
}) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();
  return (
    <div className="flex items-center gap-2">
      <Link href="/account" className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-accent">
        {/* The name read out contains the visible text (WCAG 2.5.3), with where the link goes first. */}
        <span className="sr-only">My account: </span>
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-primary/10 text-xs font-semibold text-primary">
          {initials}
        </span>
        <span className="hidden text-left text-sm leading-tight sm:block">
          <span className="block font-medium" data-testid="user-name">
            {name}
          </span>
          <span className="block text-xs text-muted-foreground">{roleLabel}</span>
        </span>
      </Link>
      <form
        action={async (fd) => {
          await signOutAction(null, fd);
        }}
      >
        <Button type="submit" variant="ghost" size="sm">
          <LogOut className="size-4" aria-hidden />
          <span>Sign out</span>
        </Button>
      </form>
    </div>
  );
}
