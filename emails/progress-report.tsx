import { Button, Section, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

export type ReportCourse = {
  code: string;
  name: string;
  percent: string;
  grade: string | null;
  attendance: string;
  marks: { name: string; mark: string; feedback: string | null }[];
  /** Assessments held back from parents: the figures above leave them out, and the report says so. */
  held?: number;
};

/** Said under a course when some of its marks are not released to parents yet. */
export const heldNote = (held: number) => `Figures from released marks only: ${held === 1 ? "one assessment is" : `${held} assessments are`} not released yet.`;

export type ProgressReportProps = {
  branding: Branding;
  recipientName: string;
  candidateName: string;
  termName: string;
  overall: string;
  courses: ReportCourse[];
  link: string;
  /** Offer the term's grade card (PDF), behind the same personal link (`link` + /grade-card). */
  gradeCard?: { termId: number | null };
  expiresOn: string;
};

/** The grade card behind a result-page link: /r/<token>/grade-card, for the report's term. */
export const gradeCardUrl = (link: string, termId: number | null) => `${link}/grade-card${termId ? `?term=${termId}` : ""}`;

export const subject = (p: ProgressReportProps) => `${p.candidateName}: progress report, ${p.termName}`;

export default function ProgressReport(p: ProgressReportProps) {
  return (
    <EmailLayout branding={p.branding} preview={`${p.candidateName}'s results so far: overall ${p.overall}`} title={`Progress report: ${p.candidateName}`}>
      <Text style={styles.text}>Dear {p.recipientName},</Text>
      <Text style={styles.text}>
        Here is how {p.candidateName} is doing in {p.termName}. The overall result so far is <strong>{p.overall}</strong>.
      </Text>
      {p.courses.map((c) => (
        <Section key={c.code} style={{ margin: "12px 0" }}>
          <Text style={{ ...styles.h2, margin: "16px 0 4px" }}>
            {c.code} {c.name}: {c.percent}
            {c.grade ? ` (grade ${c.grade})` : ""}
          </Text>
          <Text style={styles.muted}>Attendance {c.attendance}</Text>
          {c.held ? <Text style={{ ...styles.muted, fontStyle: "italic" }}>{heldNote(c.held)}</Text> : null}
          <table width="100%" cellPadding={0} cellSpacing={0} role="presentation" style={{ borderCollapse: "collapse" }}>
            <thead>
              <tr>
                <th style={styles.th}>Assessment</th>
                <th style={{ ...styles.th, textAlign: "right" }}>Mark</th>
              </tr>
            </thead>
            <tbody>
              {c.marks.map((m) => (
                <tr key={m.name}>
                  <td style={styles.cell}>
                    {m.name}
                    {m.feedback ? <div style={{ fontSize: 12, color: "#6b7280", fontStyle: "italic" }}>“{m.feedback}”</div> : null}
                  </td>
                  <td style={{ ...styles.cell, textAlign: "right", whiteSpace: "nowrap" }}>{m.mark}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ))}
      <Section style={{ textAlign: "center", margin: "24px 0 8px" }}>
        <Button
          href={p.link}
          style={{ backgroundColor: p.branding.brandColor, color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontSize: 14, fontWeight: 600 }}
        >
          View the full result page
        </Button>
      </Section>
      {p.gradeCard ? (
        <Text style={{ ...styles.text, textAlign: "center" }}>
          <a href={gradeCardUrl(p.link, p.gradeCard.termId)} style={{ color: p.branding.brandColor }}>
            Download the grade card (PDF)
          </a>
        </Text>
      ) : null}
      <Text style={styles.muted}>
        This personal link works until {p.expiresOn}. It shows {p.candidateName}&apos;s results only; please do not forward it.
      </Text>
    </EmailLayout>
  );
}

ProgressReport.PreviewProps = {
  branding: SAMPLE_BRANDING,
  recipientName: "Lakshmi Rao",
  candidateName: "Asha Rao",
  termName: "Semester 2, 2026",
  overall: "72.8%",
  courses: [
    {
      code: "PHY101",
      name: "Mechanics",
      percent: "72.8%",
      grade: "B",
      attendance: "91.7%",
      marks: [
        { name: "Quiz", mark: "15 / 20", feedback: "Good work on vectors." },
        { name: "Midterm", mark: "36 / 50", feedback: null },
        { name: "Project", mark: "Excused", feedback: null },
      ],
    },
  ],
  link: "https://markbook.example/r/sample-token",
  gradeCard: { termId: 1 },
  expiresOn: "24-12-2026",
} satisfies ProgressReportProps;

/** The plain-text part, written directly: converting a long report's HTML costs more than rendering it. */
export function text(p: ProgressReportProps): string {
  const lines = [
    p.branding.name,
    "",
    `PROGRESS REPORT: ${p.candidateName.toUpperCase()}`,
    "",
    `Dear ${p.recipientName},`,
    "",
    `Here is how ${p.candidateName} is doing in ${p.termName}. The overall result so far is ${p.overall}.`,
  ];
  for (const c of p.courses) {
    lines.push("", `${c.code} ${c.name}: ${c.percent}${c.grade ? ` (grade ${c.grade})` : ""}`, `Attendance ${c.attendance}`);
    if (c.held) lines.push(heldNote(c.held));
    for (const m of c.marks) lines.push(`- ${m.name}: ${m.mark}${m.feedback ? ` — “${m.feedback}”` : ""}`);
  }
  lines.push(
    "",
    `View the full result page: ${p.link}`,
    ...(p.gradeCard ? [`Download the grade card (PDF): ${gradeCardUrl(p.link, p.gradeCard.termId)}`] : []),
    "",
    `This personal link works until ${p.expiresOn}. It shows ${p.candidateName}'s results only; please do not forward it.`,
    "",
    `Sent by ${p.branding.name} with Markbook.`,
  );
  return lines.join("\n");
}
