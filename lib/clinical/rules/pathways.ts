// Pathway rules, knowledge.md c.2. The evaluator runs them only when no urgent or emergency RF rule fired.
import { all, fired, ge, is, noneFired, not, oneOf } from "../conditions";
import type { RuleDef } from "../types";

const SEED4 = "[seed:004_3b59962cdd60841f.txt]";

export const PATHWAY_RULES: readonly RuleDef[] = [
  {
    id: "PW-MRI-01",
    kind: "pathway",
    title: "Persistent symptoms in an intervention candidate",
    tier: "routine_soon",
    when: all(
      ge("duration_days", 42),
      ge("conservative_care_weeks", 6),
      oneOf("response_to_care", ["no_change", "worsening"]),
      is("intervention_candidate"),
    ),
    suspected_condition: "Persistent radicular, stenosis or axial symptoms after 6 weeks of optimal care.",
    action:
      "Routine doctor review. Lumbar MRI without contrast for planning, since the patient would consider an " +
      "injection or surgery (the doctor confirms candidacy).",
    imaging: { modality: "mri", detail: "lumbar MRI without contrast, routine" },
    doctor_queue: true,
    sources: ["[ACR-V3]", "[ACP-2007]", "[ACP-2011]"],
  },
  {
    id: "PW-RAD-01",
    kind: "pathway",
    title: "Radicular pain (sciatica) without red flags",
    tier: "none",
    when: is("radicular"),
    suspected_condition: "Radiculopathy (sciatica), most often from a disc herniation.",
    action:
      "Conservative care for 6 weeks; most radicular symptoms settle within weeks and most herniations regress " +
      "within 8 weeks. MRI only through PW-MRI-01. Give the cauda equina safety-net advice.",
    sources: ["[ACR-V1]", "[ACP-2011]", "[CW-AAFP]"],
  },
  {
    id: "PW-STEN-01",
    kind: "pathway",
    title: "Possible lumbar spinal stenosis",
    tier: "none",
    when: is("pseudoclaudication"),
    suspected_condition: "Lumbar spinal stenosis (neurogenic claudication).",
    action: "Conservative care; MRI only through PW-MRI-01.",
    sources: ["[ACP-2011]", SEED4],
  },
  {
    id: "PW-NSLBP-01",
    kind: "pathway",
    title: "Uncomplicated non-specific LBP",
    tier: "none",
    when: all(noneFired("red_flag"), not(is("radicular")), not(is("pseudoclaudication")), not(fired("PW-MRI-01"))),
    suspected_condition: "Non-specific (mechanical) low back pain: strain, facet, degenerative or fibromyalgia-related.",
    action:
      "No imaging; conservative care (stay active, self-care), and review if not improving at 4-6 weeks or if red " +
      "flags appear.",
    sources: ["[ACR-V1]", "[ACR-V2]", "[ACP-2007]", "[NICE-NG59]"],
  },
];
