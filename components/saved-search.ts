// A list's search (a patient's name or MRN) kept in this tab's sessionStorage instead of the page URL, so Back
// to the list shows it again without patient data in the address bar, history or shared links.
// sessionStorage outlives a sign-out in the same tab, so a saved search is only returned to the user who saved
// it; one saved by someone else is dropped rather than shown to the next user.

type TSaved = Record<string, unknown>;

/** The search saved under `key` by `owner`, if it passes `isValid`; anything else is removed. */
export function recallSaved<T extends TSaved>(key: string, owner: string, isValid: (saved: TSaved) => saved is T): T | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const { owner: savedBy, ...saved } = parsed as TSaved;
      if (savedBy === owner && isValid(saved)) return saved;
    }
    window.sessionStorage.removeItem(key);
  } catch {
    // Storage disabled or unreadable: start from the full list.
  }
  return null;
}

/** Save `search` for `owner` under `key`; null forgets it. */
export function rememberSaved(key: string, owner: string, search: TSaved | null): void {
  try {
    if (search === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify({ ...search, owner }));
  } catch {
    // Storage full or disabled: only restoring after Back is lost.
  }
}
