// What the CSV export routes share: the download response, and their body (an HTML form post from the page's
// Export CSV button, fields as text, or a JSON body from another client).
import type { z } from "zod";
import { AppError } from "@/lib/contracts/errors";
import { mediaTypeOf, parseFormBody, parseJsonBody } from "./parse";

export interface TCsvDownload {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  /** rows the file holds, for X-Total-Count */
  rows: number;
}

export function csvDownloadResponse({ stream, filename, rows }: TCsvDownload): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(rows),
    },
  });
}

/** `what` names the body in the refusal ("the view", "the filters"). */
export async function formOrJsonBody<F extends z.ZodType, J extends z.ZodType>(
  request: Request,
  formSchema: F,
  jsonSchema: J,
  what: string,
): Promise<z.output<F> | z.output<J>> {
  const type = mediaTypeOf(request);
  if (type === "application/x-www-form-urlencoded") return parseFormBody(request, formSchema);
  if (type === "application/json") return parseJsonBody(request, jsonSchema);
  throw new AppError("bad_request", `Send ${what} as a form (application/x-www-form-urlencoded) or as JSON (application/json).`, [
    { field: "(body)", message: "must be a form or JSON" },
  ]);
}
