import { Button, Section, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

export type PasswordResetProps = { branding: Branding; name: string; link: string; expiresHours: number };

export const subject = () => "Reset your Markbook password";

export default function PasswordReset(p: PasswordResetProps) {
  return (
    <EmailLayout branding={p.branding} preview="A link to choose a new password" title="Reset your password">
      <Text style={styles.text}>Hello {p.name},</Text>
      <Text style={styles.text}>Someone (hopefully you, or an administrator for you) asked to reset your Markbook password.</Text>
      <Section style={{ textAlign: "center", margin: "20px 0" }}>
        <Button href={p.link} style={{ backgroundColor: p.branding.brandColor, color: "#fff", borderRadius: 6, padding: "12px 20px", fontSize: 14 }}>
          Choose a new password
        </Button>
      </Section>
      <Text style={styles.muted}>The link works once and expires in {p.expiresHours} hours. Your current password keeps working until you use it.</Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = {
  branding: SAMPLE_BRANDING,
  name: "Nikhil Rao",
  link: "https://markbook.example/reset-password/sample-token",
  expiresHours: 24,
} satisfies PasswordResetProps;
