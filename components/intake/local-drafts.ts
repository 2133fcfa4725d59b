// What the intake keeps in this browser's localStorage, per draft visit: a copy of the answers (so a lost connection
// or a crashed tab loses nothing) and the step the user was on (so a reload or a resume opens it). Both are removed
// when the visit is submitted and, for every visit, at sign-out: answers must not outlive the session on a shared
// computer. The keys hold only the visit id; nothing identifying goes into a URL.

const ANSWERS_PREFIX = "backline.draft.";
const STEP_PREFIX = "backline.draft-step.";
const answersKey = (visitId: string) => `${ANSWERS_PREFIX}${visitId}`;
const stepKey = (visitId: string) => `${STEP_PREFIX}${visitId}`;

export interface TLocalCopy {
  answers: Record<string, unknown>;
  /** server version the local answers were based on */
  baseVersion: number;
  /** true until the server has acknowledged these answers */
  unsynced: boolean;
  at: string;
}

export interface TStoredStep {
  /** the catalogue section id of the step shown */
  section: string;
  /** sections the user has been on and moved on from */
  left: string[];
}

// Set at sign-out: an autosave that answers after the copies were removed must not write them back. If the page is
// still here a while later, the sign-out did not happen (the user stayed at the "leave the page?" prompt).
let closed = false;
const REOPEN_MS = 10_000;

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  if (closed) return;
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the server copy still works.
  }
}

function remove(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing to clear */
  }
}

export const readLocalCopy = (visitId: string) => read<TLocalCopy>(answersKey(visitId));
export const writeLocalCopy = (visitId: string, copy: TLocalCopy) => write(answersKey(visitId), copy);
/** Drop the device copy of the answers (the step stays: "load the saved version" keeps the user where they are). */
export const clearLocalCopy = (visitId: string) => remove(answersKey(visitId));

export function readStoredStep(visitId: string): TStoredStep | null {
  const stored = read<Partial<TStoredStep>>(stepKey(visitId));
  if (!stored || typeof stored.section !== "string") return null;
  return { section: stored.section, left: Array.isArray(stored.left) ? stored.left.filter((s) => typeof s === "string") : [] };
}

export const writeStoredStep = (visitId: string, step: TStoredStep) => write(stepKey(visitId), step);

/** After a submit: nothing of this visit stays on the device. */
export function clearLocalDraft(visitId: string) {
  remove(answersKey(visitId));
  remove(stepKey(visitId));
}

/** At sign-out: every draft's answers and step, whoever's and whichever visit, and no more writes from this page. */
export function clearAllLocalDrafts() {
  closed = true;
  window.setTimeout(() => (closed = false), REOPEN_MS);
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(ANSWERS_PREFIX) || key?.startsWith(STEP_PREFIX)) keys.push(key);
    }
    keys.forEach(remove);
  } catch {
    /* storage disabled: nothing was kept */
  }
}
