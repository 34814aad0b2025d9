import "server-only";
import { NextResponse } from "next/server";

export type LimitedBody = {
  /** The same request, its body counted as it is read (and cut off past the limit). */
  request: Request;
  exceeded: () => boolean;
  /** 413, with the one result type every handler answers with. */
  refusal: () => Response;
};

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

/**
 * A request body held to `maxBytes` without reading it whole first: a declared
 * Content-Length over the limit is refused before a byte is read, and a body sent without
 * one (chunked) is counted as it streams and cut off the moment it passes the limit, so a
 * client cannot make the server buffer more than that.
 */
export function limitBody(request: Request, maxBytes: number): LimitedBody {
  let over = false;
  const refusal = () =>
    NextResponse.json(
      { ok: false, code: "invalid", message: `The upload is larger than ${megabytes(maxBytes)}; nothing was read. Split the file and send the parts.` },
      { status: 413 },
    );
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void request.body?.cancel().catch(() => undefined);
    return { request, exceeded: () => true, refusal };
  }
  if (!request.body) return { request, exceeded: () => false, refusal };
  let seen = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          over = true;
          controller.error(new Error(`request body over ${maxBytes} bytes`));
        } else controller.enqueue(chunk);
      },
    }),
  );
  const init: RequestInit & { duplex: "half" } = { body: counted, duplex: "half" };
  return { request: new Request(request, init), exceeded: () => over, refusal };
}
