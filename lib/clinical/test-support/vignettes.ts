// Typed access to the worked cases (a copy of ../shared/clinical/vignettes.dev.json, kept with the tests so
// they run anywhere; refresh it when the shared file changes).
import data from "./vignettes.dev.json";

export interface Vignette {
  readonly id: string;
  readonly category: string;
  readonly summary: string;
  readonly intake: Record<string, unknown>;
  readonly expected: {
    readonly red_flags: readonly string[];
    readonly red_flags_must_not_fire?: readonly string[];
    readonly pathway_rules: readonly string[];
    readonly advisories: readonly string[];
    readonly data_flags: readonly string[];
    readonly urgency: string;
    readonly imaging: { readonly modality: string; readonly detail?: string };
    readonly blood_tests: { readonly required: boolean; readonly panel: readonly string[] };
    readonly status: string;
  };
}

export const VIGNETTES: readonly Vignette[] = (data as { vignettes: Vignette[] }).vignettes;
