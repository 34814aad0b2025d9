// A worker of `npm run bench:grade-cards`: renders the grade cards it is sent, returns their sizes.
import { parentPort } from "node:worker_threads";
import type { GradeCardData } from "@/lib/results/grade-card";

(process.env as Record<string, string>).NODE_ENV = "production";
const { renderGradeCard } = await import("@/lib/pdf/render");

parentPort!.on("message", async (batch: { id: number; cards: GradeCardData[] }) => {
  const t = performance.now();
  const sizes: number[] = [];
  for (const card of batch.cards) sizes.push((await renderGradeCard(card)).length);
  parentPort!.postMessage({ id: batch.id, sizes, ms: performance.now() - t });
});
parentPort!.postMessage({ ready: true });
