import type { Metadata } from "next";
import Link from "next/link";
import { PinnedAlerts } from "@/components/review/pinned-alerts";
import { ReviewQueue } from "@/components/review/review-queue";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { RED_FLAG_RULES } from "@/lib/clinical";
import { env } from "@/lib/env";
import { flagShortName, parseQueueUrl, queueSearchParams } from "@/lib/contracts/queue";
import { listSavedViews } from "@/lib/server/saved-views/list-saved-views";
import { listQueue, queueClock } from "@/lib/server/visits/list-queue";

export const metadata: Metadata = { title: "Review queue" };

type TSearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(record: TSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePermission("review:read");
  // The server renders the URL's view (never a name search: that is not in URLs); the table takes over from there.
  const { query, ignored } = parseQueueUrl(toUrlSearchParams(await searchParams));
  const [page, saved] = await Promise.all([listQueue(user, query), listSavedViews(user)]);
  const flags = RED_FLAG_RULES.map((r) => ({ id: r.id, title: r.title, concern: r.concern ?? r.title, short: flagShortName(r) }));
  const timeZone = env().BACKLINE_TIMEZONE;
  const { now, today } = queueClock();
  return (
    <div className="queue-page">
      <div className="queue-head">
        <h1>Review queue</h1>
        <p className="muted">
          Most urgent first (within urgent, a safety question to ask now first), then the longest waiting.
          {can(user.role, "insight:read") && (
            <>
              {" "}
              <Link href="/review/insight">Override insight</Link>
            </>
          )}{" "}
          <Link href="/review/ruleset-changes">Ruleset change review</Link>
        </p>
      </div>
      <PinnedAlerts timeZone={timeZone} concerns={Object.fromEntries(flags.map((f) => [f.id, f.concern]))} />
      <ReviewQueue
        initial={page}
        initialKey={queueSearchParams(query).toString()}
        ignored={ignored}
        flags={flags}
        owner={user.id}
        timeZone={timeZone}
        savedViews={saved.views}
        today={today}
        now={now}
      />
    </div>
  );
}
