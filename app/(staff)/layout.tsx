import Link from "@/components/ui/link";
import { GraduationCap } from "lucide-react";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/constants";
import { navFor, type NavSection } from "@/lib/nav";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { MobileNav } from "@/components/shell/mobile-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { GlobalSearch } from "@/components/shell/global-search";
import { signOutAction } from "./actions";
import { unseenFollowupCount } from "@/db/queries/leads";
import { unseenTaskCount } from "@/db/queries/tasks";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const sections: NavSection[] = navFor(user.role, (p) => can(user.role, p));
  const [followups, tasks] = await Promise.all([unseenFollowupCount(user), unseenTaskCount(user)]);
  const counts = { followups, tasks };
  return (
    <div className="flex min-h-dvh">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:p-2">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 border-r bg-sidebar md:block">
        <Link href="/dashboard" className="flex h-14 items-center gap-2 border-b px-6 font-semibold">
          <GraduationCap className="size-5 text-primary" aria-hidden />
          Markbook
        </Link>
        <SidebarNav sections={sections} counts={counts} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
          <MobileNav sections={sections} counts={counts} />
          <div className="flex flex-1 justify-center px-2">
            <GlobalSearch />
          </div>
          <UserMenu name={user.fullName} roleLabel={ROLE_LABELS[user.role]} signOutAction={signOutAction} />
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
