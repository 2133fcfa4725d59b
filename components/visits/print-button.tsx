"use client";

/** Opens the browser's print dialog; app/print.css decides what goes on paper. */
export function PrintButton() {
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      Print this page
    </button>
  );
}
