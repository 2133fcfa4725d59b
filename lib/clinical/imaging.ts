// Imaging precedence, knowledge.md c.3: take the first rule in this list that fired and carries a modality
// other than none (RF-CA-04 and RF-FX-03 carry one only after a failed trial). The modality and detail live
// on each rule (rules/*.ts); this file owns only the order and the "no imaging" wording.

export const IMAGING_PRECEDENCE: readonly string[] = [
  "RF-AAA-01",
  "RF-FX-01",
  "RF-CES-01",
  // 0.4 item 12: order 3a
  "RF-BLEED-01",
  "RF-INF-02",
  "RF-CA-02",
  "RF-NEURO-01",
  "RF-CES-02",
  "RF-INF-01",
  "RF-INF-04",
  "RF-CA-01",
  "RF-CA-03",
  "RF-FX-02",
  "RF-POSTOP-01",
  "PW-MRI-01",
  "RF-CA-04",
  "RF-FX-03",
];

/**
 * The suggestion's detail when no rule supplies a modality. A fired rule's own "no imaging" wording (RF-INF-03,
 * RF-AAA-02, RF-VASC-02, RF-IBP-01/02) stays with that rule under "also consider".
 */
export const DEFAULT_NO_IMAGING_DETAIL = "no imaging suggested by the app";
