import { REASON_LABELS, formatPercent, type BreakdownItem } from "@/lib/results";
import { formatCell } from "@/lib/gradebook/cell";
import { cn } from "@/lib/utils";

/** "How this was computed": every assessment's part in the course result, and why some do not count. */
export function Breakdown({ items, percent, feedback }: { items: BreakdownItem[]; percent: number | null; feedback?: Map<number, string | null> }) {
  const countedWeight = items.filter((i) => i.counted).reduce((s, i) => s + i.weight, 0);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="breakdown">
        <caption className="sr-only">How the course result was computed</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th className="py-1.5 pr-3 font-medium">Assessment</th>
            <th className="py-1.5 pr-3 text-right font-medium">Mark</th>
            <th className="py-1.5 pr-3 text-right font-medium">Score %</th>
            <th className="py-1.5 pr-3 text-right font-medium">Weight</th>
            <th className="py-1.5 pr-3 text-right font-medium">Share</th>
            <th className="py-1.5 pr-3 text-right font-medium">Adds</th>
            <th className="py-1.5 font-medium">Counts?</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.assessmentId} className={cn("border-b last:border-0", !i.counted && "text-muted-foreground")}>
              <td className="py-1.5 pr-3">
                {i.name}
                {feedback?.get(i.assessmentId) && <p className="text-xs italic text-muted-foreground">“{feedback.get(i.assessmentId)}”</p>}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {i.status ? `${formatCell({ score: i.score, status: i.status }) || "—"} / ${i.maxScore}` : `— / ${i.maxScore}`}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{i.fraction === null ? "—" : formatPercent(i.fraction * 100)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{i.weight}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{i.share === null ? "—" : formatPercent(i.share)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{i.contribution === null ? "—" : `${i.contribution.toFixed(2)} pts`}</td>
              <td className="py-1.5">{REASON_LABELS[i.reason]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-medium">
            <td className="pt-2" colSpan={3}>
              Σ weight × score% ÷ Σ counted weight ({countedWeight})
            </td>
            <td colSpan={2} />
            <td className="pt-2 text-right tabular-nums">{percent === null ? "—" : `${percent.toFixed(2)}`}</td>
            <td className="pt-2">= {formatPercent(percent)} shown</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
