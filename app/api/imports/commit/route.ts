import { route } from "@/lib/route";
import { importInputSchema } from "@/lib/forms/import";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/import/limits";
import { toFailure } from "@/lib/action";
import { commitImport } from "@/db/queries/imports";

/**
 * Commits an import in one transaction and streams its progress as NDJSON lines
 * ({"progress":…} … then {"ok":true,…} or {"ok":false,…}), so the screen can show a bar.
 */
export const POST = route({ access: "imports.run", schema: importInputSchema, maxBodyBytes: MAX_IMPORT_BODY_BYTES }, async (input, { user }) => {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (obj: unknown) => controller.enqueue(encoder.encode(JSON.stringify(obj) + "\n"));
      try {
        const result = await commitImport(user, input, (done, total) => send({ progress: total ? done / total : 1, done, total }));
        send({ ok: true, data: result });
      } catch (e) {
        send(toFailure(e));
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
