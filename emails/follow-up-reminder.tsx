import { Link, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

type Item = { name: string; date: string; nextStep: string | null; url: string };
export type FollowUpReminderProps = { branding: Branding; counsellorName: string; overdue: Item[]; today: Item[]; appUrl: string };

export const subject = (p: FollowUpReminderProps) => `Follow-ups: ${p.today.length} due today, ${p.overdue.length} overdue`;

function List({ items }: { items: Item[] }) {
  return (
    <ul>
      {items.map((i) => (
        <li key={i.url} style={styles.text}>
          <Link href={i.url} style={styles.link}>
            {i.name}
          </Link>{" "}
          — {i.date}
          {i.nextStep ? ` · ${i.nextStep}` : ""}
        </li>
      ))}
    </ul>
  );
}

export default function FollowUpReminder(p: FollowUpReminderProps) {
  return (
    <EmailLayout branding={p.branding} preview={subject(p)} title="Your follow-ups today">
      <Text style={styles.text}>Good morning, {p.counsellorName}.</Text>
      {p.overdue.length > 0 && (
        <>
          <Text style={styles.h2}>Overdue ({p.overdue.length})</Text>
          <List items={p.overdue} />
        </>
      )}
      {p.today.length > 0 && (
        <>
          <Text style={styles.h2}>Due today ({p.today.length})</Text>
          <List items={p.today} />
        </>
      )}
      <Text style={styles.muted}>
        <Link href={`${p.appUrl}/leads?owner=me&followUp=due`} style={styles.link}>
          Open your follow-ups in Markbook
        </Link>
      </Text>
    </EmailLayout>
  );
}

FollowUpReminder.PreviewProps = {
  branding: SAMPLE_BRANDING,
  counsellorName: "Priya",
  overdue: [{ name: "Rahul Sharma", date: "22-11-2026", nextStep: "Send scholarship details", url: "https://markbook.example/leads/1" }],
  today: [{ name: "Meera Pillai", date: "24-11-2026", nextStep: "Call to qualify", url: "https://markbook.example/leads/2" }],
  appUrl: "https://markbook.example",
} satisfies FollowUpReminderProps;
