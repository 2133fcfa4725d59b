"use client";

// A back view (and a small front view for abdomen/flank) whose regions toggle the same values as the
// pain_location checkboxes beside it. Regions are keyboard-operable checkboxes (Tab, then Space or Enter).
import type { KeyboardEvent } from "react";

interface Region {
  value: string;
  label: string;
  shape: { d: string };
}

// Posterior view: the patient's left is on the viewer's left.
const REGIONS: Region[] = [
  { value: "neck", label: "Neck", shape: { d: "M88 52 h24 v22 h-24 z" } },
  { value: "thoracic", label: "Upper/mid back (thoracic)", shape: { d: "M66 78 h68 v62 h-68 z" } },
  { value: "lumbar_left", label: "Lower back, left", shape: { d: "M66 142 h22 v40 h-22 z" } },
  { value: "lumbar_central", label: "Lower back, centre", shape: { d: "M90 142 h20 v40 h-20 z" } },
  { value: "lumbar_right", label: "Lower back, right", shape: { d: "M112 142 h22 v40 h-22 z" } },
  { value: "buttock", label: "Buttock", shape: { d: "M66 184 h68 v36 h-68 z" } },
  { value: "abdomen_or_flank", label: "Abdomen or flank", shape: { d: "M226 130 h52 v56 h-52 z" } },
];

export function BodyDiagram({
  selected,
  onToggle,
  labelledBy,
}: {
  selected: readonly string[];
  onToggle: (value: string) => void;
  labelledBy: string;
}) {
  const keyToggle = (value: string) => (event: KeyboardEvent) => {
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      onToggle(value);
    }
  };
  return (
    <svg
      className="body-diagram"
      viewBox="0 0 320 330"
      role="group"
      aria-labelledby={labelledBy}
      aria-describedby="body-diagram-help"
    >
      <desc id="body-diagram-help">Body diagram: select each painful region. It mirrors the checkboxes.</desc>
      {/* outlines (decorative) */}
      <g aria-hidden="true" className="body-outline">
        <circle cx="100" cy="30" r="22" />
        <path d="M62 76 q38 -10 76 0 l10 70 l-6 80 l-8 90 h-22 l-12 -88 l-12 88 h-22 l-8 -90 l-6 -80 z" />
        <path d="M62 80 l-26 80 l10 4 l26 -70 M138 80 l26 80 l-10 4 l-26 -70" />
        <circle cx="252" cy="70" r="18" />
        <path d="M222 110 q30 -10 60 0 l6 80 l-8 20 h-56 l-8 -20 z" />
        <text x="100" y="322" textAnchor="middle">Back</text>
        <text x="252" y="240" textAnchor="middle">Front</text>
        <text x="58" y="140" textAnchor="end">L</text>
        <text x="142" y="140">R</text>
      </g>
      {REGIONS.map((region) => {
        const on = selected.includes(region.value);
        return (
          <path
            key={region.value}
            d={region.shape.d}
            className={on ? "region region-on" : "region"}
            role="checkbox"
            aria-checked={on}
            aria-label={region.label}
            tabIndex={0}
            onClick={() => onToggle(region.value)}
            onKeyDown={keyToggle(region.value)}
          >
            <title>{region.label}</title>
          </path>
        );
      })}
    </svg>
  );
}
