"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function CourseTabs({ courseId }: { courseId: number }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/courses/${courseId}`, label: "Overview" },
    { href: `/courses/${courseId}/gradebook`, label: "Gradebook" },
    { href: `/courses/${courseId}/attendance`, label: "Attendance" },
    { href: `/courses/${courseId}/scheme`, label: "Scheme" },
  ];
  return (
    <nav aria-label="Course" className="mb-6 flex gap-1 overflow-x-auto border-b">
      {tabs.map((t) => {
        const active = t.href === `/courses/${courseId}` ? pathname === t.href : pathname.startsWith(t.href);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-2 py-2 text-sm sm:px-3 font-medium text-muted-foreground hover:text-foreground",
              active && "border-primary text-foreground",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
