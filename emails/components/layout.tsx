import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export type Branding = { name: string; brandColor: string; replyTo?: string | null };

export const SAMPLE_BRANDING: Branding = { name: "Greenfield College of Science & Commerce", brandColor: "#4f46e5", replyTo: "office@greenfield.test" };

export const styles = {
  body: { backgroundColor: "#f5f6fa", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 600, margin: "0 auto", padding: "0 0 16px", border: "1px solid #e5e7eb" },
  content: { padding: "0 28px" },
  h1: { fontSize: 22, lineHeight: "28px", margin: "20px 0 8px", color: "#111827" },
  h2: { fontSize: 16, lineHeight: "22px", margin: "20px 0 6px", color: "#111827" },
  text: { fontSize: 14, lineHeight: "22px", color: "#374151", margin: "8px 0" },
  muted: { fontSize: 12, lineHeight: "18px", color: "#6b7280", margin: "6px 0" },
  cell: { fontSize: 13, padding: "6px 8px", borderBottom: "1px solid #f0f0f0", color: "#374151" },
  // Links in running text: dark enough on white and underlined, so they don't rely on colour alone.
  link: { color: "#1d4ed8", textDecoration: "underline" },
  th: { fontSize: 12, padding: "6px 8px", textAlign: "left" as const, color: "#6b7280", borderBottom: "1px solid #e5e7eb" },
};

/** The frame every Markbook email shares: the institution's name and colour, and a plain footer. */
export function EmailLayout({ branding, preview, title, children }: { branding: Branding; preview: string; title: string; children: React.ReactNode }) {
  return (
    <Html lang="en">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={{ backgroundColor: branding.brandColor, borderRadius: "8px 8px 0 0", padding: "14px 28px" }}>
            <Text style={{ color: "#ffffff", fontSize: 15, fontWeight: 600, margin: 0 }}>{branding.name}</Text>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.h1}>
              {title}
            </Heading>
            {children}
            <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 12px" }} />
            <Text style={styles.muted}>
              Sent by {branding.name} with Markbook.
              {branding.replyTo ? ` Questions? Write to ${branding.replyTo}.` : ""}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
