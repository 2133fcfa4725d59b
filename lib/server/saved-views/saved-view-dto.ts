import "server-only";
import { ZSavedViewFilters, type TSavedViewFilters } from "@/lib/contracts/queue";
import type { TSavedView } from "@/lib/contracts/wire/queue";

/** The columns a saved view is read with: nothing else of the row, never another user's. */
export const SAVED_VIEW_SELECT = { id: true, name: true, filters: true, createdAt: true } as const;

/** The queue's default view: what a stored view that no longer parses (an old filter value) opens as. */
const FALLBACK: TSavedViewFilters = { status: "SUBMITTED", sort: "urgency" };

export function toSavedViewDto(row: { id: string; name: string; filters: unknown; createdAt: Date }): TSavedView {
  const parsed = ZSavedViewFilters.safeParse(row.filters);
  return { id: row.id, name: row.name, filters: parsed.success ? (parsed.data as TSavedViewFilters) : FALLBACK, createdAt: row.createdAt.toISOString() };
}
