import { z } from "zod";
import { route } from "@/lib/route";
import { ActionError } from "@/lib/action";
import { isJob, JOBS, runJob } from "@/lib/jobs";

/** POST /api/cron/<job> with `Authorization: Bearer $CRON_SECRET`. */
export const POST = route({ access: "cron", schema: z.object({ name: z.string().max(50) }) }, async ({ name }) => {
  if (!isJob(name)) throw new ActionError(`Unknown job. Known: ${Object.keys(JOBS).join(", ")}`, "not_found");
  return runJob(name);
});
