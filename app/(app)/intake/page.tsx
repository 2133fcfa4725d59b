import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDateTime, fullName } from "@/lib/contracts/format";
import { PatientFinder } from "@/components/patients/patient-finder";
import { RegisterPatientForm } from "@/components/patients/register-patient-form";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { searchPatients } from "@/lib/server/patients/search-patients";
import { listDrafts } from "@/lib/server/visits/list-drafts";

export const metadata: Metadata = { title: "Intake" };

const PAGE_SIZE = 25;

type TSearchParams = Record<string, string | string[] | undefined>;

export default async function IntakePage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePermission("intake:write");
  // Searches used to live in the URL (/intake?q=…). A name or MRN must not sit in the address bar, so old
  // links and history entries land on the bare page; the finder keeps its search out of the URL.
  const params = await searchParams;
  if (params.q !== undefined || params.page !== undefined) redirect("/intake");
  const [result, drafts] = await Promise.all([
    searchPatients(user, { q: "", page: 1, pageSize: PAGE_SIZE }),
    listDrafts(user),
  ]);
  const timeZone = env().BACKLINE_TIMEZONE;

  return (
    <>
      <h1>Intake</h1>
      {/* On a narrow screen the register form comes after the search results: one tap takes you there. */}
      <p className="front-desk-jump">
        <a className="button-link" href="#register-heading">
          Register a new patient
        </a>
      </p>

      <div className="front-desk">
        <section className="card front-desk-find" aria-labelledby="find-heading">
          <h2 id="find-heading">Find a patient</h2>
          {/* The first page of all patients comes with the page, so the first paint needs no fetch. */}
          <PatientFinder
            initialRows={result.rows.map(({ id, mrn, givenName, familyName, birthDate, sex }) => ({
              id,
              mrn,
              givenName,
              familyName,
              birthDate,
              sex,
            }))}
            initialTotal={result.total}
            pageSize={PAGE_SIZE}
            owner={user.id}
          />
        </section>

        <section className="card front-desk-register" aria-labelledby="register-heading">
          <h2 id="register-heading" tabIndex={-1}>
            Register a new patient
          </h2>
          <RegisterPatientForm />
        </section>
      </div>

      <section className="card" aria-labelledby="drafts-heading">
        <h2 id="drafts-heading">Open drafts</h2>
        {drafts.length === 0 ? (
          <p className="muted">No intakes are in progress.</p>
        ) : (
          <div className="table-scroll" role="group" aria-label="Open drafts table" tabIndex={0}>
            <table>
              <caption className="muted">
                Intakes started but not yet submitted, most recently saved first. Resume one on any device.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Last saved</th>
                  <th scope="col">Started by</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{fullName(d.patient)}</th>
                    <td>{d.patient.mrn}</td>
                    <td>
                      <time dateTime={d.updatedAt}>{formatDateTime(d.updatedAt, timeZone)}</time>
                    </td>
                    <td>{d.createdBy}</td>
                    <td>
                      <Link href={`/visits/${d.id}/intake`}>
                        Resume<span className="visually-hidden"> the intake for {fullName(d.patient)}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
