import Link from "@/components/ui/link";
import { SectionCard } from "@/components/ui/section-card";
import { findLiveToken } from "@/db/queries/users";
import { SetPasswordForm } from "./set-password-form";

/** The page behind an invitation or reset link. An unusable link gets one plain answer, whatever the reason. */
export async function TokenPage({ token, kind }: { token: string; kind: "invite" | "reset" }) {
  const live = await findLiveToken(token, kind);
  const title = kind === "invite" ? "Join Markbook" : "Reset your password";
  return (
    <SectionCard
      level={1}
      title={title}
      description={live && (kind === "invite" ? `Welcome, ${live.fullName}. Choose a password for ${live.email}.` : `Choose a new password for ${live.email}.`)}
    >
      {live ? (
        <SetPasswordForm token={token} kind={kind} email={live.email} />
      ) : (
        <div className="space-y-3 text-sm" data-testid="invalid-link">
          <p>This link is no longer valid. Links expire, work once, and are replaced when a new one is issued.</p>
          <p>Ask an administrator for a new link.</p>
          <Link href="/sign-in" className="text-primary underline underline-offset-4">
            Go to sign in
          </Link>
        </div>
      )}
    </SectionCard>
  );
}
