"use client";

import { BarChart } from "@tremor/react";
import { useRouter } from "next/navigation";
import { ChartLegend } from "./chart-legend";

/** Leads per status; clicking a bar opens those leads. */
export function PipelineChart({ data, hrefFor }: { data: { status: string; count: number }[]; hrefFor?: Record<string, string> }) {
  const router = useRouter();
  return (
    <div role="img" aria-label={`Pipeline: ${data.map((d) => `${d.status} ${d.count}`).join(", ")}`}>
      <BarChart
        className="h-48"
        data={data.map((d) => ({ status: d.status, Leads: d.count }))}
        index="status"
        categories={["Leads"]}
        colors={["indigo"]}
        allowDecimals={false}
        showLegend={false}
        yAxisWidth={32}
        onValueChange={(v) => {
          const s = v?.status as string | undefined;
          if (s && hrefFor?.[s]) router.push(hrefFor[s]);
        }}
      />
    </div>
  );
}

export function ProgramResultsChart({ data }: { data: { code: string; average: number | null; passRate: number | null }[] }) {
  return (
    <div>
      <ChartLegend items={["Average %", "Pass rate %"]} colors={["indigo", "emerald"]} />
      <div role="img" aria-label={`Average result by program: ${data.map((d) => `${d.code} ${d.average ?? "none"}%`).join(", ")}`}>
        <BarChart
          showLegend={false}
          className="h-56"
          data={data.map((d) => ({
            program: d.code,
            "Average %": d.average ?? 0,
            "Pass rate %": d.passRate ?? 0,
          }))}
          index="program"
          categories={["Average %", "Pass rate %"]}
          colors={["indigo", "emerald"]}
          valueFormatter={(v: number) => `${v.toFixed(1)}%`}
          maxValue={100}
          yAxisWidth={40}
        />
      </div>
    </div>
  );
}

const GRADE_COLORS = ["emerald", "teal", "cyan", "sky", "indigo", "amber", "rose"];

export function GradeDistributionChart({ data, grades }: { data: Record<string, string | number>[]; grades: string[] }) {
  return (
    <div>
      <ChartLegend items={grades} colors={GRADE_COLORS.slice(0, grades.length)} />
      <div role="img" aria-label="Grades per course">
        <BarChart
          className="h-56"
          data={data}
          index="course"
          categories={grades}
          colors={GRADE_COLORS.slice(0, grades.length)}
          stack
          allowDecimals={false}
          yAxisWidth={32}
          showLegend={false}
        />
      </div>
    </div>
  );
}
