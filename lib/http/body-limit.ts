// Request bodies are read with a byte cap: a body over the limit is refused on its Content-Length before any of
// it is read, and a body without one (chunked) is read only until it passes the limit. Reading first and
// measuring after would let anyone (sign-in is anonymous) make the server buffer as much as they care to send.
import { AppError } from "@/lib/contracts/errors";

/** The most any JSON or form body of ours may hold. */
export const MAX_BODY_BYTES = 256 * 1024;

const size = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);

export function payloadTooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is too large: send at most ${size(limit)}.`, [
    { field: "(body)", message: `must be at most ${size(limit)}` },
  ]);
}

/** The declared length is over the limit (an absent or unreadable header says nothing: the read is capped anyway). */
function declaredTooLarge(request: Request, limit: number): boolean {
  const declared = request.headers.get("content-length")?.trim();
  return !!declared && /^\d+$/.test(declared) && Number(declared) > limit;
}

/** Reads `stream` to its end, or throws 413 (and stops reading) as soon as it holds more than `limit` bytes. */
async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other is cancelled too.
      reader.cancel().catch(() => undefined);
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The body as text (UTF-8, as `request.text()` decodes it), at most `limit` bytes; otherwise a 413. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (declaredTooLarge(request, limit)) throw payloadTooLarge(limit);
  if (!request.body) return "";
  return new TextDecoder().decode(await readCapped(request.body, limit));
}

/**
 * The 413 a body over `limit` bytes deserves, or null, for a handler that reads the body itself (next-auth). Only a
 * copy is read (up to the limit), so within the limit the request's own body is still there to read in full.
 */
export async function bodyTooLarge(request: Request, limit: number): Promise<AppError | null> {
  if (declaredTooLarge(request, limit)) return payloadTooLarge(limit);
  if (!request.body) return null;
  try {
    await readCapped(request.clone().body!, limit);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
