"use client";

// What the patient finder shows under the search: a page of patients with the pager, or why there is none.
import { SEX_LABELS } from "@/lib/contracts/labels";
import Link from "next/link";
import type { RefObject } from "react";
import { formatDay, fullName } from "@/lib/contracts/format";
import type { TFocusTarget, TShown } from "./use-patient-search";

export const countText = (total: number) => `${total} ${total === 1 ? "patient" : "patients"}`;

export function PatientResults({
  shown,
  pending,
  pageSize,
  goTo,
  resultsRef,
  prevRef,
  nextRef,
}: {
  shown: TShown;
  /** a newer search is on its way: the results shown are busy */
  pending: boolean;
  pageSize: number;
  goTo: (page: number, focus: TFocusTarget) => void;
  resultsRef: RefObject<HTMLTableElement | null>;
  prevRef: RefObject<HTMLButtonElement | null>;
  nextRef: RefObject<HTMLButtonElement | null>;
}) {
  const pages = Math.max(1, Math.ceil(shown.total / pageSize));
  const from = (shown.page - 1) * pageSize + 1;
  const to = from + shown.rows.length - 1;

  if (shown.rows.length === 0) {
    return (
      <div className="empty-state" aria-busy={pending ? true : undefined}>
        {shown.total > 0 ? (
          <p>
            There is no page {shown.page}: {shown.q ? "this search has" : "the list has"} {pages}{" "}
            {pages === 1 ? "page" : "pages"}.{" "}
            <button type="button" className="secondary" onClick={() => goTo(pages, "results")}>
              Go to the last page
            </button>
          </p>
        ) : shown.q ? (
          <p>
            No patient matches “{shown.q}”. Check the spelling or the MRN, or{" "}
            <a href="#register-heading">register the patient</a>.
          </p>
        ) : (
          <p>
            No patients are registered yet. <a href="#register-heading">Register the first patient</a>.
          </p>
        )}
      </div>
    );
  }

  return (
    <>
      <table className="patient-table" ref={resultsRef} tabIndex={-1} aria-busy={pending ? true : undefined}>
        <caption className="muted">
          {shown.q
            ? `${shown.total} ${shown.total === 1 ? "patient matches" : "patients match"} “${shown.q}”`
            : countText(shown.total)}
          {pages > 1 && `, showing ${from} to ${to}`}
          {shown.q ? ", best matches first" : ", sorted by family name"}
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
          {shown.rows.map((p) => (
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
        {shown.page > 1 ? (
          <button type="button" className="secondary" ref={prevRef} onClick={() => goTo(shown.page - 1, "prev")}>
            Previous page
          </button>
        ) : (
          <span />
        )}
        <span>
          Page {shown.page} of {pages}
        </span>
        {shown.page < pages ? (
          <button type="button" className="secondary" ref={nextRef} onClick={() => goTo(shown.page + 1, "next")}>
            Next page
          </button>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
