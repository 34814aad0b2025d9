import type { Metadata } from "next";
import { TokenPage } from "../../_set-password/token-page";

export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <TokenPage token={token} kind="reset" />;
}
