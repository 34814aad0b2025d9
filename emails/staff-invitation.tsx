import { Button, Section, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

export type StaffInvitationProps = { branding: Branding; name: string; inviterName: string; roleLabel: string; link: string; expiresDays: number };

export const subject = (p: StaffInvitationProps) => `You're invited to Markbook at ${p.branding.name}`;

export default function StaffInvitation(p: StaffInvitationProps) {
  return (
    <EmailLayout branding={p.branding} preview={`${p.inviterName} invited you to join as ${p.roleLabel}`} title="You're invited">
      <Text style={styles.text}>Hello {p.name},</Text>
      <Text style={styles.text}>
        {p.inviterName} has invited you to Markbook at {p.branding.name} as <strong>{p.roleLabel}</strong>. Choose your password to get started.
      </Text>
      <Section style={{ textAlign: "center", margin: "20px 0" }}>
        <Button href={p.link} style={{ backgroundColor: p.branding.brandColor, color: "#fff", borderRadius: 6, padding: "12px 20px", fontSize: 14 }}>
          Set my password
        </Button>
      </Section>
      <Text style={styles.muted}>The link works once and expires in {p.expiresDays} days. If you did not expect this, ignore this email.</Text>
    </EmailLayout>
  );
}

StaffInvitation.PreviewProps = {
  branding: SAMPLE_BRANDING,
  name: "Nikhil Rao",
  inviterName: "Asha Menon",
  roleLabel: "Faculty",
  link: "https://markbook.example/invite/sample-token",
  expiresDays: 7,
} satisfies StaffInvitationProps;
