"use client";

// Staff: let the patient answer the intake themselves (issue 19). "Make a patient link" gives a one-time link and
// its QR code to show, or to send by the clinic's own text or email; "Revoke" stops it. "Hand this device to the
// patient" makes a link, signs this device's staff session out (so nothing else of the clinic is reachable from
// it) and opens the patient's questions; staff come back by signing in with their own password.
import { signOut } from "next-auth/react";
import QRCode from "qrcode";
import { useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import { failureMessage } from "@/components/api/client";
import { createPatientLink, revokePatientLink } from "@/components/api/self-intake";
import { clearAllLocalDrafts } from "@/components/intake/local-drafts";

export function PatientLinkPanel({ visitId, timeZone, openUntil }: { visitId: string; timeZone: string; openUntil: string | null }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string; qr: string } | null>(null);
  const [open, setOpen] = useState<string | null>(openUntil);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function make(): Promise<string | null> {
    setPending(true);
    setMessage(null);
    const result = await createPatientLink(visitId);
    setPending(false);
    if (!result.ok) {
      setMessage(failureMessage(result, "make the link"));
      return null;
    }
    const qr = await QRCode.toString(result.body.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    setLink({ ...result.body, qr });
    setOpen(result.body.expiresAt);
    return result.body.url;
  }

  async function revoke() {
    setPending(true);
    const result = await revokePatientLink(visitId);
    setPending(false);
    setLink(null);
    setOpen(null);
    setMessage(result.ok || result.status === 404 ? "The patient link no longer works." : failureMessage(result, "revoke the link"));
  }

  async function handOver() {
    const url = await make();
    if (!url) return;
    clearAllLocalDrafts();
    await signOut({ redirect: false });
    window.location.replace(url);
  }

  return (
    <section className="card patient-link" aria-labelledby="patient-link-title">
      <h2 id="patient-link-title">Patient answers on their own</h2>
      <p className="muted">
        On this device, or on the patient&apos;s phone by a one-time link. The patient confirms their date of birth first; you check the answers before they reach the doctor.
      </p>
      <div className="step-actions">
        <button type="button" onClick={handOver} disabled={pending}>Hand this device to the patient</button>
        <button type="button" className="secondary" onClick={make} disabled={pending}>{open ? "Make a new patient link" : "Make a patient link"}</button>
        {open && <button type="button" className="secondary" onClick={revoke} disabled={pending}>Revoke the patient link</button>}
      </div>
      {open && !link && <p>A patient link is open until {formatDateTime(open, timeZone)}.</p>}
      {link && (
        <div className="patient-link-out">
          <label htmlFor="patient-link-url">Link for the patient (works once, until {formatDateTime(link.expiresAt, timeZone)})</label>
          <input id="patient-link-url" type="text" readOnly value={link.url} onFocus={(e) => e.target.select()} />
          <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link.url).then(() => setMessage("Link copied."))}>Copy link</button>
          <figure className="patient-link-qr">
            <div role="img" aria-label="QR code of the patient link" dangerouslySetInnerHTML={{ __html: link.qr }} />
            <figcaption>The patient scans this with their phone&apos;s camera.</figcaption>
          </figure>
        </div>
      )}
      {/* A live region without the status role: the intake's save status stays the page's one status. */}
      <p aria-live="polite">{message}</p>
    </section>
  );
}
