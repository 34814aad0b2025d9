// A chart legend as a plain list. Tremor's own legend puts scroll buttons inside its <ol>,
// which screen readers (and axe) reject as a list; this one is a real list.
const HEX: Record<string, string> = {
  indigo: "#6366f1",
  emerald: "#10b981",
  teal: "#14b8a6",
  cyan: "#06b6d4",
  sky: "#0ea5e9",
  amber: "#f59e0b",
  rose: "#f43f5e",
  violet: "#8b5cf6",
  orange: "#f97316",
  slate: "#64748b",
};

export function ChartLegend({ items, colors, className }: { items: string[]; colors: string[]; className?: string }) {
  return (
    <ul className={`flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-muted-foreground ${className ?? ""}`} aria-label="Legend">
      {items.map((item, i) => (
        <li key={item} className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ backgroundColor: HEX[colors[i]] ?? HEX.slate }} />
          {item}
        </li>
      ))}
    </ul>
  );
}
