// Patient-facing content the evaluation attaches: the cauda equina safety net (b.1, every patient) and the
// conservative-care content (c.2, whenever the overall urgency is none or routine_soon; 0.3 item 8).
import type { ContentItem } from "./types";

export const SAFETY_NET: ContentItem = {
  id: "SAFETY-NET-CES",
  text:
    "Come back immediately, or go to the emergency department, if any of these appear: new difficulty passing " +
    "urine or leaking urine, loss of bowel control, numbness around the back passage, genitals or inner buttocks " +
    "(the saddle area), or weakness in both legs.",
  sources: ["[GLOS-RF]", "[BMJBP-CES]"],
};

export type Phase = "acute" | "subacute" | "chronic";

/** ADV-NSAID-CAUTION's text (0.4 item 5); also added to every conservative-care item that mentions NSAIDs. */
export const NSAID_CAUTION =
  "NSAIDs: weigh bleeding, stomach, kidney and heart risk first; with an anticoagulant, only if a doctor decides.";

export interface ConservativeCareItem extends ContentItem {
  /** phases the item applies to; absent = every phase */
  readonly phases?: readonly Phase[];
  /** the item recommends an NSAID: while ADV-NSAID-CAUTION fires it carries the caution (0.4 item 5) */
  readonly mentions_nsaid?: boolean;
}

export const CONSERVATIVE_CARE: readonly ConservativeCareItem[] = [
  {
    id: "CC-REASSURE",
    text: "Reassure: most acute episodes improve within a month. Stay active and avoid bed rest.",
    sources: ["[ACP-2007]", "[seed:003_14fe80c169d2bdef.txt]", "[seed:001_c414019c585f5f4f.txt]"],
  },
  {
    id: "CC-ACUTE",
    mentions_nsaid: true,
    text:
      "Acute or subacute pain: superficial heat (moderate-quality evidence); massage, acupuncture or spinal " +
      "manipulation (low-quality evidence). If drugs are wanted: NSAIDs or skeletal muscle relaxants. Systemic " +
      "steroids do not help, even with radicular pain.",
    sources: ["[ACP-2017]"],
    phases: ["acute", "subacute"],
  },
  {
    id: "CC-CHRONIC",
    mentions_nsaid: true,
    text:
      "Chronic pain: start with exercise, multidisciplinary rehabilitation, acupuncture, mindfulness-based stress " +
      "reduction, yoga/tai chi and similar options. NSAIDs are first-line drugs, then tramadol or duloxetine; " +
      "opioids only as a last resort.",
    sources: ["[ACP-2017]"],
    phases: ["chronic"],
  },
  {
    id: "CC-NICE-DRUGS",
    mentions_nsaid: true,
    text:
      "Prescribing: NSAIDs at the lowest dose for the shortest time. A weak opioid is an option in acute pain only " +
      "if NSAIDs fail or are unsuitable. No paracetamol alone, no opioids for chronic low back pain, no " +
      "SSRIs/SNRIs/TCAs or anticonvulsants. No belts, corsets, foot orthotics or electrotherapy.",
    sources: ["[NICE-NG59]"],
  },
  {
    id: "CC-EXERCISE",
    text: "Exercise programmes, with a psychological approach for people at higher risk of a poor outcome.",
    sources: ["[NICE-NG59]"],
  },
];

function itemsFor(phase: Phase | null, nsaidCaution: boolean): readonly ContentItem[] {
  return CONSERVATIVE_CARE.filter((item) => !item.phases || phase === null || item.phases.includes(phase)).map(
    ({ id, text, sources, mentions_nsaid }) =>
      nsaidCaution && mentions_nsaid
        ? { id, text: `${text} Caution: ${NSAID_CAUTION}`, sources: [...new Set([...sources, "[NICE-NG59]"])] }
        : { id, text, sources },
  );
}

const PHASES = [null, "acute", "subacute", "chronic"] as const;

// Eight possible answers, computed once (evaluations share these read-only lists).
const BY_PHASE = new Map<string, readonly ContentItem[]>(
  PHASES.flatMap((p) => [false, true].map((c): [string, readonly ContentItem[]] => [`${p}|${c}`, itemsFor(p, c)])),
);

/**
 * The items for a phase; with an unknown phase (blank onset date) every item is given. With `nsaidCaution`
 * (ADV-NSAID-CAUTION fired) every item that recommends an NSAID carries the caution.
 */
export function conservativeCareFor(phase: Phase | null, nsaidCaution = false): readonly ContentItem[] {
  return BY_PHASE.get(`${phase}|${nsaidCaution}`) ?? itemsFor(phase, nsaidCaution);
}
