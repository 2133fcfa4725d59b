// The review queue's query: shared by the API, the queue page (URL state) and the CSV export.
import { z } from "zod";
import { isoDay } from "./day";
import { personName, searchText } from "./text";

export const QUEUE_SORTS = ["urgency", "submittedAt", "patient", "mrn", "age"] as const;
export const QUEUE_PAGE_SIZES = [25, 50, 100] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` });

/** Every filter of the view (page and page size apart): one definition for the URL, a form post and a JSON body. */
const QUEUE_FILTERS = {
  status: oneOf(["SUBMITTED", "SIGNED", "ALL"], "status").default("SUBMITTED"),
  urgency: oneOf(["emergency", "urgent", "routine_soon", "none"], "urgency").optional(),
  flag: z
    .string()
    .regex(/^[A-Z]{2,4}(-[A-Z0-9]{1,8}){1,3}$/, "flag must be a rule id such as RF-CES-01")
    .optional(),
  imaging: oneOf(["none", "xray", "ct", "mri"], "imaging").optional(),
  q: searchText("q").optional(),
  from: isoDay("from").optional(),
  to: isoDay("to").optional(),
  sort: oneOf(QUEUE_SORTS, "sort").default("urgency"),
  dir: oneOf(["asc", "desc"], "dir").optional(),
};

const page = (n: z.ZodNumber) => n.int("page must be a whole number").min(1, "page must be 1 or more").max(10_000, "page must be at most 10000").default(1);
const pageSize = (n: z.ZodNumber) =>
  n.refine((v) => (QUEUE_PAGE_SIZES as readonly number[]).includes(v), "pageSize must be 25, 50 or 100").default(25);
const datesInOrder = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const DATES_IN_ORDER = { path: ["to"], message: "to must not be before from" };

/**
 * The view as text: a query string (GET /api/v1/visits, the page URL) or an HTML form post (the CSV export).
 * Numbers arrive as text and are converted; unknown parameters are ignored, as links carry all sorts.
 */
export const ZQueueQuery = z
  .object({
    ...QUEUE_FILTERS,
    page: page(z.coerce.number({ error: "page must be a whole number" })),
    pageSize: pageSize(z.coerce.number({ error: "pageSize must be 25, 50 or 100" })),
  })
  .refine(datesInOrder, DATES_IN_ORDER);

/**
 * The view as a JSON body (POST /api/v1/visits/search, POST /api/v1/visits/export.csv): the same fields and
 * messages, numbers as JSON numbers, and an unknown field is an error naming it.
 */
export const ZQueueSearchBody = z
  .strictObject({
    ...QUEUE_FILTERS,
    page: page(z.number({ error: "page must be a whole number" })),
    pageSize: pageSize(z.number({ error: "pageSize must be 25, 50 or 100" })),
  })
  .refine(datesInOrder, DATES_IN_ORDER);

export type TQueueQuery = z.output<typeof ZQueueQuery>;

/**
 * The queue filters that may live in the page URL (bookmarks, shared links, the back button). `q` is left out
 * on purpose: it is a patient's name or MRN, and patient data never goes into a URL.
 */
export const QUEUE_URL_KEYS = ["status", "urgency", "flag", "imaging", "from", "to", "sort", "dir", "page", "pageSize"] as const;

const DEFAULTS = ZQueueQuery.parse({});

/** Only what differs from the defaults, in a stable order, never `q`: the page URL's part of the view. */
export function queueSearchParams(query: TQueueQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of QUEUE_URL_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== DEFAULTS[key]) params.set(key, String(value));
  }
  return params;
}

/**
 * The whole view with the search text, as the body of POST /api/v1/visits/search (ZQueueSearchBody): only what
 * differs from the defaults, numbers as numbers. The search text travels only in request bodies, never in a URL.
 */
export function queueSearchBody(query: TQueueQuery): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const key of QUEUE_URL_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== DEFAULTS[key]) body[key] = value;
  }
  if (query.q) body.q = query.q;
  return body;
}

/**
 * The queue query a page URL describes. Unknown keys (and `q`) are ignored; a value that does not parse is
 * dropped and named in `ignored`, so an old bookmark still opens the queue instead of an error page.
 */
export function parseQueueUrl(params: URLSearchParams): { query: TQueueQuery; ignored: string[] } {
  const raw: Record<string, string> = {};
  for (const key of QUEUE_URL_KEYS) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const ignored: string[] = [];
  for (let attempt = 0; attempt < QUEUE_URL_KEYS.length + 1; attempt++) {
    const result = ZQueueQuery.safeParse(raw);
    if (result.success) return { query: result.data, ignored };
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key in raw) {
        delete raw[key];
        ignored.push(key);
      }
    }
  }
  return { query: DEFAULTS, ignored: [...QUEUE_URL_KEYS] };
}

// --- Saved views (issue 18) ---------------------------------------------------------------------------------
// A saved view is a name and the queue's filters and sort: never the search text (a patient's name or MRN is
// never stored in a view), never the page. Stored per user (saved_views.filters), validated here on the way in.

/** The filters a saved view keeps (JSON): the queue's own fields and messages; `q` is refused by name. */
export const ZSavedViewFilters = z
  .strictObject({
    ...QUEUE_FILTERS,
    q: z.never({ error: "q cannot be saved in a view: search text is patient data" }).optional(),
  })
  .refine(datesInOrder, DATES_IN_ORDER);

export type TSavedViewFilters = Omit<z.output<typeof ZSavedViewFilters>, "q">;

export const SAVED_VIEW_NAME_MAX = 60;
/** How many views one person may keep: a row of buttons, not a second queue. */
export const SAVED_VIEWS_MAX = 20;

/** POST /api/v1/me/saved-views: `{ name, filters }`. */
export const ZSavedViewCreate = z.strictObject({
  name: personName("name", SAVED_VIEW_NAME_MAX),
  filters: ZSavedViewFilters,
});
export type TSavedViewCreate = z.output<typeof ZSavedViewCreate>;

/** The view's filters as stored: only the filter fields, defaults kept (so a view means the same later). */
export function savedViewFilters(query: TQueueQuery): TSavedViewFilters {
  const out: Record<string, string> = {};
  for (const key of QUEUE_URL_KEYS) {
    if (key === "page" || key === "pageSize") continue;
    const value = query[key];
    if (value !== undefined) out[key] = String(value);
  }
  return ZSavedViewFilters.parse(out) as TSavedViewFilters;
}

const NO_FILTERS: Partial<TQueueQuery> = { status: "SUBMITTED", urgency: undefined, flag: undefined, imaging: undefined, from: undefined, to: undefined, sort: "urgency", dir: undefined };

/** The change a view makes to the queue: every filter replaced by the view's (page size kept, first page). */
export function viewChange(filters: TSavedViewFilters): Partial<TQueueQuery> {
  return { ...NO_FILTERS, ...filters, page: 1 };
}

/** Whether the queue shows exactly this view now (search text, page and page size apart). */
export function isViewShown(filters: TSavedViewFilters, query: TQueueQuery): boolean {
  const key = (q: TQueueQuery) => {
    const params = queueSearchParams({ ...q, page: 1, pageSize: 25 });
    return params.toString();
  };
  return key({ ...query, ...viewChange(filters) } as TQueueQuery) === key(query);
}

/** The views every clinician has: ones the existing filters express. `today` is the clinic's day (YYYY-MM-DD). */
export function builtInViews(today: string): { id: string; name: string; description: string; filters: TSavedViewFilters }[] {
  return [
    {
      id: "unsigned",
      name: "Unsigned, most urgent first",
      description: "Every visit waiting for review, the most urgent first, then the longest waiting.",
      filters: { status: "SUBMITTED", sort: "urgency" },
    },
    {
      id: "urgent-today",
      name: "Urgent today",
      description: "Urgent visits submitted today and waiting for review (emergencies are always pinned above the queue).",
      filters: { status: "SUBMITTED", urgency: "urgent", from: today, to: today, sort: "urgency" },
    },
  ];
}

/** A red flag's short name for the queue: what the rule looks for ("Cauda equina syndrome"), its code on hover. */
export function flagShortName(rule: { title: string; concern?: string }): string {
  const words = (rule.concern ?? rule.title).replace(/^(a|an|the)\s+/i, "");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
