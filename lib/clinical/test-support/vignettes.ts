// Typed access to the worked cases (a copy of ../shared/clinical/vignettes.dev.json, kept with the tests so
// they run anywhere; refresh it when the shared file changes).
import data from "./vignettes.dev.json";

export interface VignetteExpectation {
  readonly red_flags: readonly string[];
  readonly red_flags_must_not_fire?: readonly string[];
  readonly pathway_rules: readonly string[];
  readonly advisories: readonly string[];
  readonly data_flags: readonly string[];
  readonly urgency: string;
  readonly imaging: {
    readonly modality: string;
    readonly rule?: string | null;
    readonly detail?: string;
    readonly notes?: readonly string[];
  };
  readonly blood_tests: { readonly required: boolean; readonly panel: readonly string[] };
  readonly status: string;
  readonly cannot_exclude?: readonly { readonly rule: string; readonly fields: readonly string[] }[];
  readonly cannot_exclude_emergency?: boolean;
  readonly doctor_queue?: boolean;
  readonly missing?: readonly string[];
  readonly conservative_care?: boolean;
}

export interface Vignette {
  readonly id: string;
  readonly category: string;
  readonly summary: string;
  readonly intake: Record<string, unknown>;
  readonly expected: VignetteExpectation & { readonly rejected?: boolean; readonly fields?: readonly string[] };
  /** the draft-preview evaluation (refused values blank) of a case validation rejects */
  readonly expected_preview?: VignetteExpectation;
}

export const VIGNETTES: readonly Vignette[] = (data as unknown as { vignettes: Vignette[] }).vignettes;

/** The vignette's intake with the given answers removed (blank), e.g. to make a provisional result. */
export function vignetteIntake(id: string, blank: readonly string[] = []): Record<string, unknown> {
  const v = VIGNETTES.find((x) => x.id === id);
  if (!v) throw new Error(`no vignette ${id}`);
  const out = { ...v.intake };
  for (const k of blank) delete out[k];
  return out;
}
