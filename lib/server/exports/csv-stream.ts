import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { CSV_BOM } from "@/lib/export/csv";
import { logger } from "@/lib/log";

/** A stalled download gives its connection back after this long (the stream then fails). */
const MAX_EXPORT_MS = 10 * 60_000;

/**
 * A CSV download streamed from one REPEATABLE READ transaction: the BOM and header first, then the chunks
 * `produce` sends. `send` waits while the reader has no room (backpressure) and answers false once the reader
 * went away, so `produce` stops reading. A failure after the headers ends the download short (the client sees a
 * network error) and is logged as `${what} CSV export failed while streaming`.
 */
export function csvTransactionStream(
  header: string,
  what: string,
  produce: (tx: Prisma.TransactionClient, send: (chunk: string) => Promise<boolean>) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + header));
      const room = () => (cancelled || (controller.desiredSize ?? 1) > 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
      const send = async (chunk: string) => {
        await room();
        if (cancelled) return false;
        controller.enqueue(encoder.encode(chunk));
        return true;
      };
      const run = db().$transaction((tx) => produce(tx, send), {
        isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
        timeout: MAX_EXPORT_MS,
        maxWait: 5_000,
      });
      run.then(
        () => {
          if (!cancelled) controller.close();
        },
        (error: unknown) => {
          logger.error(`${what} CSV export failed while streaming`, { error });
          if (!cancelled) controller.error(new Error("The export failed while streaming."));
        },
      );
    },
    pull() {
      resume();
    },
    cancel() {
      cancelled = true;
      resume();
    },
  });
}
