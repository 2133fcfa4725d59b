// Ruleset version: the knowledge-base semantic version (the contract: knowledge.md 0.4 says "ruleset_version becomes
// 1.2.0"), and beside it a content hash of everything that decides an evaluation (catalogue, derived variables,
// rules, precedence, panels, content). A stored evaluation names the exact ruleset that produced it, and any edit
// to the data changes the hash even if nobody bumps the semver.
import { BLOOD_PANELS } from "./blood";
import { HASHED_QUESTIONS, SECTIONS } from "./catalogue";
import { CONSERVATIVE_CARE, SAFETY_NET } from "./content";
import { DERIVED } from "./derive";
import { canonicalJson, sha256Hex, utf8 } from "./hash";
import { DEFAULT_NO_IMAGING_DETAIL, IMAGING_PRECEDENCE } from "./imaging";
import { ALL_RULES, WORST_ANSWERS } from "./rules";
import { SEED_CONDITIONS } from "./seed-tables";

/** Bump on behaviour changes: major for contract changes (ids, outputs), minor for rules, patch for wording. */
export const RULESET_SEMVER = "1.2.0";

export const RULESET_CONTENT = {
  sections: SECTIONS,
  // the questions without their observation coding (a LOINC code decides nothing)
  questions: HASHED_QUESTIONS,
  derived: DERIVED,
  rules: ALL_RULES,
  worst_answers: WORST_ANSWERS,
  imaging_precedence: IMAGING_PRECEDENCE,
  default_no_imaging_detail: DEFAULT_NO_IMAGING_DETAIL,
  blood_panels: BLOOD_PANELS,
  safety_net: SAFETY_NET,
  conservative_care: CONSERVATIVE_CARE,
  seed_conditions: SEED_CONDITIONS,
};

/** 12 hex characters of SHA-256 over the canonical JSON of RULESET_CONTENT. */
export const RULESET_HASH = sha256Hex(utf8(canonicalJson(RULESET_CONTENT))).slice(0, 12);

/** e.g. "1.2.0": stored with every evaluation (`ruleset_version`), with RULESET_HASH as `ruleset_hash`. */
export const RULESET_VERSION = RULESET_SEMVER;

/** The version and hash as one label, e.g. "1.2.0+3f9a0c21b7de" (what 1.1 stored as its ruleset_version). */
export const RULESET_LABEL = `${RULESET_SEMVER}+${RULESET_HASH}`;
