import Link from "@/components/ui/link";

/** "N candidates detained (attendance)" on a course's pages, linking to the detention list of that course. Nothing when none are. */
export function DetainedNote({ detained, courseId }: { detained: { count: number; termId: number } | null; courseId: number }) {
  if (!detained || detained.count === 0) return null;
  return (
    <p className="mt-1 text-sm">
      <Link
        href={`/attendance/detention?term=${detained.termId}&course=${courseId}`}
        className="font-medium text-destructive hover:underline"
        data-testid="detained-note"
      >
        {detained.count} {detained.count === 1 ? "candidate" : "candidates"} detained (attendance)
      </Link>
    </p>
  );
}
