"use client";

import { LineChart } from "@tremor/react";
import { ChartLegend } from "./chart-legend";

const COLORS = ["indigo", "emerald", "amber", "rose", "cyan", "violet", "teal", "orange"];

/** Assessment percentages over time, one line per course. */
export function TrendChart({ data, series, className }: { data: Record<string, string | number | null>[]; series: string[]; className?: string }) {
  if (!data.length) return <p className="text-sm text-muted-foreground">No marks yet to draw a trend.</p>;
  return (
    <div className={className}>
      <ChartLegend items={series} colors={COLORS.slice(0, series.length)} />
      <div role="img" aria-label={`Assessment percentages over time for ${series.join(", ")}`}>
        <LineChart
          showLegend={false}
          className="h-64"
          data={data}
          index="label"
          categories={series}
          colors={COLORS.slice(0, series.length)}
          valueFormatter={(v: number) => `${v.toFixed(1)}%`}
          minValue={0}
          maxValue={100}
          connectNulls
          yAxisWidth={48}
        />
      </div>
    </div>
  );
}
