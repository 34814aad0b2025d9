import { Button, Section, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

export type AtRiskProps = {
  branding: Branding;
  recipientName: string;
  candidateName: string;
  findings: string[];
  nextSteps: string;
  advisorName: string | null;
  link?: string | null;
};

export const subject = (p: AtRiskProps) => `${p.candidateName}: we'd like to help`;

export default function AtRiskFollowUp(p: AtRiskProps) {
  return (
    <EmailLayout branding={p.branding} preview={`What we noticed about ${p.candidateName}, and what happens next`} title={`About ${p.candidateName}`}>
      <Text style={styles.text}>Dear {p.recipientName},</Text>
      <Text style={styles.text}>We keep an eye on every candidate&apos;s progress so we can help early. Recently we noticed:</Text>
      <ul>
        {p.findings.map((f) => (
          <li key={f} style={styles.text}>
            {f}
          </li>
        ))}
      </ul>
      <Text style={styles.text}>
        <strong>What happens next:</strong> {p.nextSteps}
      </Text>
      {p.advisorName && (
        <Text style={styles.text}>
          {p.advisorName}, {p.candidateName}&apos;s advisor, will be in touch.
        </Text>
      )}
      {p.link && (
        <Section style={{ textAlign: "center", margin: "20px 0" }}>
          <Button href={p.link} style={{ backgroundColor: p.branding.brandColor, color: "#fff", borderRadius: 6, padding: "12px 20px", fontSize: 14 }}>
            See the current results
          </Button>
        </Section>
      )}
    </EmailLayout>
  );
}

AtRiskFollowUp.PreviewProps = {
  branding: SAMPLE_BRANDING,
  recipientName: "Lakshmi Rao",
  candidateName: "Asha Rao",
  findings: ["PHY101 Mechanics: 38.5% is below the pass mark 40%", "PHY101 Mechanics: attendance 70.0% is below the minimum 75%"],
  nextSteps: "Asha's advisor will meet her this week to agree a plan, and we will write again in two weeks.",
  advisorName: "Rahul Verma",
  link: "https://markbook.example/r/sample-token",
} satisfies AtRiskProps;
