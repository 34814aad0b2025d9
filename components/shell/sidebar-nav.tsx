"use client";

import * as React from "react";
import Link from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import {
  Bell,
  BookOpen,
  Building2,
  CalendarCheck,
  ClipboardList,
  Contact,
  FileCheck,
  FileText,
  FileUp,
  GraduationCap,
  History,
  LayoutDashboard,
  ListTodo,
  Mail,
  ScrollText,
  Settings,
  Target,
  UserCog,
  UserX,
  Users,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/lib/utils";
import type { NavSection } from "@/lib/nav";

const ICONS: Record<string, LucideIcon> = {
  "layout-dashboard": LayoutDashboard,
  users: Users,
  "user-cog": UserCog,
  "graduation-cap": GraduationCap,
  "book-open": BookOpen,
  "calendar-check": CalendarCheck,
  target: Target,
  "list-todo": ListTodo,
  contact: Contact,
  building: Building2,
  bell: Bell,
  "file-up": FileUp,
  "user-x": UserX,
  "file-check": FileCheck,
  "file-text": FileText,
  mail: Mail,
  settings: Settings,
  history: History,
  "scroll-text": ScrollText,
  clipboard: ClipboardList,
};

/** The window event a page sends when it has marked a badge's items seen: `detail.badge` ("tasks"). */
export const SEEN_EVENT = "markbook:seen";

export function SidebarNav({
  sections,
  counts: given,
  onNavigate,
}: {
  sections: NavSection[];
  counts?: Partial<Record<string, number>>;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const search = useSearchParams();
  // A page that marks its items seen clears its badge here at once (SEEN_EVENT), without
  // re-rendering the page; the next server render brings the counts anew.
  const [cleared, setCleared] = React.useState<{ from: typeof given; badges: Set<string> }>({ from: given, badges: new Set() });
  if (cleared.from !== given) setCleared({ from: given, badges: new Set() });
  React.useEffect(() => {
    const onSeen = (e: Event) => {
      const badge = (e as CustomEvent<{ badge: string }>).detail.badge;
      setCleared((c) => ({ ...c, badges: new Set(c.badges).add(badge) }));
    };
    window.addEventListener(SEEN_EVENT, onSeen);
    return () => window.removeEventListener(SEEN_EVENT, onSeen);
  }, []);
  const counts = given && Object.fromEntries(Object.entries(given).map(([k, v]) => [k, cleared.badges.has(k) ? 0 : v]));
  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3 py-4">
      {sections.map((section, i) => (
        <div key={section.title ?? i} className="flex flex-col gap-1">
          {section.title && <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{section.title}</p>}
          {section.items.map((item) => {
            const Icon = ICONS[item.icon] ?? LayoutDashboard;
            const [path, query] = item.href.split("?");
            const queryMatches = query
              ? [...new URLSearchParams(query)].every(([k, v]) => search.get(k) === v)
              : !sections.some((sec) =>
                  sec.items.some(
                    (o) => o !== item && o.href.startsWith(path + "?") && [...new URLSearchParams(o.href.split("?")[1])].every(([k, v]) => search.get(k) === v),
                  ),
                );
            const active = (pathname === path || pathname.startsWith(path + "/")) && queryMatches;
            const badge = item.badge ? counts?.[item.badge] : undefined;
            return (
              <Link
                key={item.href}
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
                  active && "bg-accent text-accent-foreground",
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                <span className="flex-1">{item.label}</span>
                {badge ? (
                  <span className="rounded-full bg-primary px-2 py-0.5 text-xs font-semibold text-primary-foreground" data-testid={`nav-badge-${item.badge}`}>
                    {badge}
                    <span className="sr-only"> new</span>
                  </span>
                ) : null}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
