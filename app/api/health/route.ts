import { route } from "@/lib/route";
import { z } from "zod";
import { checkDatabase } from "@/db/queries/health";

// Liveness and database reachability, for load balancers and the test runner.
export const GET = route({ access: "public", schema: z.object({}) }, async () => {
  await checkDatabase();
  return { status: "ok" };
});
