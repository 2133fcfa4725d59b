import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/guard";
import { listRecentPatients } from "@/lib/server/list-recent-patients";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakePage() {
  const user = await requirePermission("intake:write");
  const patients = await listRecentPatients(user);
  return (
    <>
      <h1>Intake</h1>
      <section className="card" aria-labelledby="recent-patients">
        <h2 id="recent-patients">Recent patients</h2>
        {patients.length === 0 ? (
          <p>No patients yet.</p>
        ) : (
          <table>
            <caption className="muted">The {patients.length} most recently updated patients</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">MRN</th>
                <th scope="col">Date of birth</th>
              </tr>
            </thead>
            <tbody>
              {patients.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.familyName}, {p.givenName}
                  </td>
                  <td>{p.mrn}</td>
                  <td>{p.birthDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
