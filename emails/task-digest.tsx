import { Link, Text } from "@react-email/components";
import { EmailLayout, SAMPLE_BRANDING, styles, type Branding } from "./components/layout";

type Item = { title: string; due: string; related: string | null };
export type TaskDigestProps = { branding: Branding; name: string; overdue: Item[]; today: Item[]; upcoming: Item[]; appUrl: string };

export const subject = (p: TaskDigestProps) => `Your tasks: ${p.overdue.length} overdue, ${p.today.length} today`;

function Group({ title, items }: { title: string; items: Item[] }) {
  if (!items.length) return null;
  return (
    <>
      <Text style={styles.h2}>
        {title} ({items.length})
      </Text>
      <ul>
        {items.map((i, k) => (
          <li key={k} style={styles.text}>
            {i.title} — {i.due}
            {i.related ? ` · ${i.related}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}

export default function TaskDigest(p: TaskDigestProps) {
  return (
    <EmailLayout branding={p.branding} preview={subject(p)} title="Your tasks">
      <Text style={styles.text}>Hello {p.name}, here is what is on your list.</Text>
      <Group title="Overdue" items={p.overdue} />
      <Group title="Due today" items={p.today} />
      <Group title="Coming up this week" items={p.upcoming} />
      <Text style={styles.muted}>
        <Link href={`${p.appUrl}/tasks?owner=me&status=not_done`} style={styles.link}>
          Open your tasks in Markbook
        </Link>
      </Text>
    </EmailLayout>
  );
}

TaskDigest.PreviewProps = {
  branding: SAMPLE_BRANDING,
  name: "Rahul",
  overdue: [{ title: "Attendance shortage warning", due: "19-11-2026 16:00", related: "Arjun Khan" }],
  today: [{ title: "Call Rahul about next steps", due: "24-11-2026 16:00", related: "Rahul Sharma" }],
  upcoming: [{ title: "Prepare mid-semester feedback", due: "29-11-2026 10:00", related: null }],
  appUrl: "https://markbook.example",
} satisfies TaskDigestProps;
