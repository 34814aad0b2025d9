import Link from "@/components/ui/link";

/**
 * A list's candidate cell: the name (linking to their page) over their number, and below on a
 * phone what the row's other columns say (`phone`), since those are scrolled to there.
 */
export function CandidateCell({ id, name, number, phone }: { id: number; name: string; number: string; phone?: React.ReactNode }) {
  return (
    <span className="flex flex-col">
      <Link href={`/candidates/${id}`} className="font-medium text-primary hover:underline">
        {name}
      </Link>
      <span className="text-xs text-muted-foreground">{number}</span>
      {phone}
    </span>
  );
}
