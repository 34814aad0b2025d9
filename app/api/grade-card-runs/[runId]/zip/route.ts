import { z } from "zod";
import { route } from "@/lib/route";
import { idSchema } from "@/lib/forms/fields";
import { gradeCardZip } from "@/db/queries/grade-card-runs";

/** Every card a run made, in one ZIP. The run's maker and admins only. */
export const GET = route({ access: "marks.read", schema: z.object({ runId: idSchema }) }, async ({ runId }, { user }) => {
  const { fileName, zip } = await gradeCardZip(user, runId);
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(zip.length),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store, max-age=0",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
