import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { formatDateTime, formatDay, fullName } from "@/components/patients/format";
import { RegisterPatientForm } from "@/components/patients/register-patient-form";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { PATIENT_SEXES, ZPatientSearch } from "@/lib/schemas/patient";
import { searchPatients } from "@/lib/server/patients/search-patients";
import { listDrafts } from "@/lib/server/visits/list-drafts";

export const metadata: Metadata = { title: "Intake" };

const PAGE_SIZE = 25;
const SEX_LABELS: Record<string, string> = Object.fromEntries(PATIENT_SEXES.map((s) => [s.value, s.label]));

type TSearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The search box and page number come from the URL, so the back button and shared links work. */
function readSearch(params: TSearchParams): { q: string; page: number } {
  const q = ZPatientSearch.shape.q.safeParse((first(params.q) ?? "").slice(0, 100));
  const page = ZPatientSearch.shape.page.safeParse(first(params.page) ?? 1);
  return { q: q.success ? q.data : "", page: page.success ? page.data : 1 };
}

function listHref(q: string, page: number): string {
  const search = new URLSearchParams();
  if (q) search.set("q", q);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `/intake?${query}` : "/intake";
}

export default async function IntakePage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePermission("intake:write");
  const { q, page } = readSearch(await searchParams);
  const [result, drafts] = await Promise.all([
    searchPatients(user, { q, page, pageSize: PAGE_SIZE }),
    listDrafts(user),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const from = (page - 1) * PAGE_SIZE + 1;
  const to = from + result.rows.length - 1;
  const timeZone = env().BACKLINE_TIMEZONE;

  return (
    <>
      <h1>Intake</h1>

      <section className="card" aria-labelledby="find-heading">
        <h2 id="find-heading">Find a patient</h2>
        <Form action="/intake" role="search" aria-label="Patients" className="search-form">
          <div className="search-field">
            <label htmlFor="patient-search">Search by name or MRN</label>
            {/* Keyed by the query so the box shows the URL's search after Clear, Back and Forward. */}
            <input key={q} id="patient-search" name="q" type="search" defaultValue={q} autoComplete="off" spellCheck={false} maxLength={100} />
          </div>
          <button type="submit">Search</button>
          {q && (
            <Link className="button secondary" href="/intake">
              Clear search
            </Link>
          )}
        </Form>

        {result.rows.length === 0 ? (
          <div className="empty-state">
            {result.total > 0 ? (
              <p>
                There is no page {page}: {q ? "this search has" : "the list has"} {pages} {pages === 1 ? "page" : "pages"}.{" "}
                <Link href={listHref(q, pages)}>Go to the last page</Link>
              </p>
            ) : q ? (
              <p>
                No patient matches “{q}”. Check the spelling or the MRN, or <a href="#register-heading">register the patient</a>.
              </p>
            ) : (
              <p>
                No patients are registered yet. <a href="#register-heading">Register the first patient</a>.
              </p>
            )}
          </div>
        ) : (
          <>
            <table className="patient-table">
              <caption className="muted">
                {q
                  ? `${result.total} ${result.total === 1 ? "patient matches" : "patients match"} “${q}”`
                  : `${result.total} ${result.total === 1 ? "patient" : "patients"}`}
                {pages > 1 && `, showing ${from} to ${to}`}, sorted by family name
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Sex</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={`/patients/${p.id}`}>{fullName(p)}</Link>
                    </th>
                    <td>{p.mrn}</td>
                    <td>
                      <time dateTime={p.birthDate}>{formatDay(p.birthDate)}</time>
                    </td>
                    <td>{SEX_LABELS[p.sex] ?? p.sex}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label="Patient list pages">
              {page > 1 ? (
                <Link href={listHref(q, page - 1)} rel="prev">
                  Previous page
                </Link>
              ) : (
                <span />
              )}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages ? (
                <Link href={listHref(q, page + 1)} rel="next">
                  Next page
                </Link>
              ) : (
                <span />
              )}
            </nav>
          </>
        )}
      </section>

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

      <section className="card" aria-labelledby="register-heading">
        <h2 id="register-heading" tabIndex={-1}>
          Register a patient
        </h2>
        <RegisterPatientForm />
      </section>
    </>
  );
}
