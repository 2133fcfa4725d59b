import type { Metadata } from "next";
import { URGENCY_LABELS } from "@/components/labels";
import { requirePermission } from "@/lib/auth/guard";
import { reviewSummary } from "@/lib/server/review-summary";

export const metadata: Metadata = { title: "Review" };

const TIERS = ["emergency", "urgent", "routine_soon", "none"] as const;

export default async function ReviewPage() {
  const user = await requirePermission("review:read");
  const counts = await reviewSummary(user);
  return (
    <>
      <h1>Review</h1>
      <section className="card" aria-labelledby="waiting">
        <h2 id="waiting">Waiting for review</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Urgency</th>
              <th scope="col">Visits</th>
            </tr>
          </thead>
          <tbody>
            {TIERS.map((key) => (
              <tr key={key}>
                <td>{URGENCY_LABELS[key]}</td>
                <td>{counts[key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
