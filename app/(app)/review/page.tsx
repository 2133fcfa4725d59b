import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/guard";
import { reviewSummary } from "@/lib/server/review-summary";

export const metadata: Metadata = { title: "Review" };

const TIERS = [
  ["emergency", "Emergency"],
  ["urgent", "Urgent"],
  ["routine_soon", "Routine, soon"],
  ["none", "No red flag"],
] as const;

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
            {TIERS.map(([key, label]) => (
              <tr key={key}>
                <td>{label}</td>
                <td>{counts[key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
