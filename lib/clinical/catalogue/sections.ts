import type { Section } from "../types";

/** Intake sections in display order (knowledge.md a.1-a.6). */
export const SECTIONS = [
  { id: "a.1", title: "Visit and demographics" },
  { id: "a.2", title: "Pain: severity, place, timing, mechanism, pattern" },
  {
    id: "a.3",
    title: "Nerves, bladder, bowel, saddle",
    help: "All required except the walking question (legs aching or tiring on walking or standing).",
  },
  { id: "a.4", title: "Systemic symptoms and risk history" },
  { id: "a.5", title: "Pre-existing conditions, medications, activity and care so far" },
  { id: "a.6", title: "Lifestyle, psychosocial, nutrition and hydration", help: "All optional." },
] as const satisfies readonly Section[];
