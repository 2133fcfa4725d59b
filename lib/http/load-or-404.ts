import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/contracts/errors";
import { parseId } from "./parse";

/**
 * For pages addressed by a record id: a malformed id or a record that does not exist renders the
 * 404 page; every other error (forbidden, database down) goes on to the error page.
 */
export async function loadOr404<T>(rawId: string, what: string, load: (id: string) => Promise<T>): Promise<T> {
  try {
    return await load(parseId(rawId, what));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
