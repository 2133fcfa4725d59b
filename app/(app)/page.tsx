import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/contracts/roles";
import { TodayVisits } from "@/components/patients/today-visits";
import { env } from "@/lib/env";
import { reviewSummary } from "@/lib/server/review-summary";
import { listToday } from "@/lib/server/visits/list-today";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requireUser();
  const counts = can(user.role, "review:read") ? await reviewSummary(user) : null;
  // The front desk's day, for staff: other roles see what they saw before.
  const timeZone = env().BACKLINE_TIMEZONE;
  const today = user.role === "STAFF" && can(user.role, "intake:write") ? await listToday(user, timeZone) : null;
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="muted">
        Signed in as {ROLE_LABELS[user.role]}.
        {can(user.role, "self:mfa") && (
          <>
            {" "}
            <Link href="/account/two-step">Two-step sign-in</Link>
          </>
        )}
      </p>
      {today && (
        <div className="today-grid">
          <TodayVisits kind="drafts" visits={today.drafts} timeZone={timeZone} />
          <TodayVisits kind="submitted" visits={today.submitted} timeZone={timeZone} />
        </div>
      )}
      <div className="card-grid">
        {can(user.role, "intake:write") && (
          <section className="card" aria-labelledby="home-intake">
            <h2 id="home-intake">Intake</h2>
            <p>Find or register a patient, start a visit and take the history.</p>
            <Link className="button" href="/intake">
              Go to intake
            </Link>
          </section>
        )}
        {counts && (
          <section className="card" aria-labelledby="home-review">
            <h2 id="home-review">Review</h2>
            <p>
              {counts.emergency} emergency, {counts.urgent} urgent, {counts.routine_soon} routine-soon and{" "}
              {counts.none} other visits are waiting for review.
            </p>
            <Link className="button" href="/review">
              Open the review queue
            </Link>
          </section>
        )}
        {can(user.role, "admin:users") && (
          <section className="card" aria-labelledby="home-admin">
            <h2 id="home-admin">Administration</h2>
            <p>Manage user accounts and roles.</p>
            <Link className="button" href="/admin">
              Go to admin
            </Link>
          </section>
        )}
      </div>
    </>
  );
}
