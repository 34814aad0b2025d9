"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// The chart library is heavy and only useful in a browser: render it there, after the page.
export const TrendChartLazy = dynamic(() => import("./trend-chart").then((m) => m.TrendChart), {
  ssr: false,
  loading: () => <Skeleton className="h-64 w-full" />,
});
