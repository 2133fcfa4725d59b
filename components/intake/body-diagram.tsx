"use client";

// A back view (and a small front view for abdomen/flank) whose regions toggle the same values as the
// pain_location checkboxes beside it. Regions are keyboard-operable checkboxes (Tab, then Space or Enter).
import type { KeyboardEvent } from "react";

interface Region {
  value: string;
  label: string;
  shape: { d: string };
}

// Posterior view: the patient's left is on the viewer's left. Every region is at least 48 units each way, and the
// drawing is never shown narrower than about 300 px (globals.css): each region stays a 44x44 px touch target on a
// phone, and grows on a tablet or a desktop.
const REGIONS: Region[] = [
  { value: "neck", label: "Neck", shape: { d: "M73 50 h52 v48 h-52 z" } },
  { value: "thoracic", label: "Upper/mid back (thoracic)", shape: { d: "M24 100 h150 v76 h-150 z" } },
  { value: "lumbar_left", label: "Lower back, left", shape: { d: "M24 178 h48 v56 h-48 z" } },
  { value: "lumbar_central", label: "Lower back, centre", shape: { d: "M75 178 h48 v56 h-48 z" } },
  { value: "lumbar_right", label: "Lower back, right", shape: { d: "M126 178 h48 v56 h-48 z" } },
  { value: "buttock", label: "Buttock", shape: { d: "M24 236 h150 v50 h-150 z" } },
  { value: "abdomen_or_flank", label: "Abdomen or flank", shape: { d: "M215 130 h60 v70 h-60 z" } },
];

/** The diagram's words, for a screen in another language (the patient's own intake). */
export interface TDiagramWords {
  regions: Readonly<Record<string, string>>;
  back: string;
  front: string;
  left: string;
  right: string;
}

export function BodyDiagram({
  selected,
  onToggle,
  labelledBy,
  words,
}: {
  selected: readonly string[];
  onToggle: (value: string) => void;
  labelledBy: string;
  words?: TDiagramWords;
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
      viewBox="0 0 300 330"
      role="group"
      aria-labelledby={labelledBy}
      aria-describedby="body-diagram-help"
    >
      <desc id="body-diagram-help">Body diagram: select each painful region. It mirrors the checkboxes.</desc>
      {/* outlines (decorative) */}
      <g aria-hidden="true" className="body-outline">
        <circle cx="99" cy="25" r="22" />
        <path d="M20 100 q79 -16 158 0 l2 190 l-8 24 h-58 l-15 -16 l-15 16 h-58 l-8 -24 z" />
        <path d="M21 102 l-16 110 M177 102 l16 110" />
        <circle cx="245" cy="72" r="18" />
        <path d="M211 104 q34 -12 68 0 l4 108 l-8 14 h-60 l-8 -14 z" />
        <text x="99" y="326" textAnchor="middle">{words?.back ?? "Back"}</text>
        <text x="245" y="248" textAnchor="middle">{words?.front ?? "Front"}</text>
        <text x="14" y="96" textAnchor="middle">{words?.left ?? "L"}</text>
        <text x="184" y="96" textAnchor="middle">{words?.right ?? "R"}</text>
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
            aria-label={words?.regions[region.value] ?? region.label}
            tabIndex={0}
            onClick={() => onToggle(region.value)}
            onKeyDown={keyToggle(region.value)}
          >
            <title>{words?.regions[region.value] ?? region.label}</title>
          </path>
        );
      })}
    </svg>
  );
}
