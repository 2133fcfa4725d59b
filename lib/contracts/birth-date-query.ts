// What a search box's text means as a date of birth. People type birth dates every way they have seen them
// ("1978-12-06", "6/12/1978", "12/6/1978", "6 Dec 1978", "06.12.1978", "19781206"): each reading that is a real
// calendar date is a candidate, so "6/12/1978" (6 December or June 12) yields both and the search shows the
// patients born on either day. Pure: no time zone, no I/O; `today` only bounds the year.

const pad = (n: number) => String(n).padStart(2, "0");

function isoOf(year: number, month: number, day: number, maxYear: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > maxYear) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A two-digit year is the latest year ending in those digits that is not after this year ("78" → 1978, "05" → 2005). */
function fullYear(text: string, maxYear: number): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  const century = Math.floor(maxYear / 100) * 100;
  return century + n > maxYear ? century - 100 + n : century + n;
}

/** "dec", "December", "sept" → 12, 9; anything else → null. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const index = FULL_MONTHS.findIndex((full) => full.startsWith(w));
  if (index >= 0) return index + 1;
  return w === "sept" ? 9 : null;
}

const FULL_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * Every calendar date (YYYY-MM-DD) the text can mean as a date of birth, earliest first; empty when it is not a
 * date. Day-month-year and month-day-year are both tried when both are valid; years before 1900 or after `today`'s
 * year are refused.
 */
export function birthDateCandidates(text: string, today: Date = new Date()): string[] {
  const maxYear = today.getUTCFullYear();
  const t = text.trim().replace(/,/g, " ").replace(/\s+/g, " ");
  if (!t) return [];
  const found = new Set<string>();
  const add = (iso: string | null) => {
    if (iso) found.add(iso);
  };
  let m: RegExpMatchArray | null;

  if ((m = t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/))) {
    // Year first: always year-month-day (nobody writes year-day-month).
    add(isoOf(Number(m[1]), Number(m[2]), Number(m[3]), maxYear));
  } else if ((m = t.match(/^(\d{4})(\d{2})(\d{2})$/))) {
    add(isoOf(Number(m[1]), Number(m[2]), Number(m[3]), maxYear));
  } else if ((m = t.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/))) {
    const year = fullYear(m[3]!, maxYear);
    const a = Number(m[1]);
    const b = Number(m[2]);
    add(isoOf(year, b, a, maxYear)); // day first
    add(isoOf(year, a, b, maxYear)); // month first
  } else if ((m = t.match(/^(\d{1,2})(?:st|nd|rd|th)?[ -]?([a-z]+\.?)[ -]?(\d{4}|\d{2})$/i))) {
    // "6 Dec 1978", "6-DEC-1978", "6th December 78", "6Dec1978"
    const month = monthOf(m[2]!);
    if (month) add(isoOf(fullYear(m[3]!, maxYear), month, Number(m[1]), maxYear));
  } else if ((m = t.match(/^([a-z]+\.?)[ -]?(\d{1,2})(?:st|nd|rd|th)?[ -](\d{4}|\d{2})$/i))) {
    // "Dec 6 1978", "December 6, 1978"
    const month = monthOf(m[1]!);
    if (month) add(isoOf(fullYear(m[3]!, maxYear), month, Number(m[2]), maxYear));
  }
  return [...found].sort();
}

/** One word (or a date of several words) of a patient search, and the birth dates it may stand for. */
export interface TSearchTerm {
  /** the text as typed (for a date of several words, joined by one space) */
  text: string;
  /** the dates of birth it can mean; empty when it is not a date */
  dates: string[];
  /** a date written in words and spaces ("6 Dec 1978"): matched by the date only, not as text */
  dateOnly: boolean;
}

export const MAX_SEARCH_TERMS = 5;

/**
 * The words of a patient search. A date written with spaces ("6 Dec 1978", "Dec 6, 1978") is one term; any other
 * word is a term of its own, with the dates it can mean ("1978-12-06" is a date and also text an MRN may hold).
 */
export function searchTerms(q: string, today: Date = new Date()): TSearchTerm[] {
  const words = q.split(/[\s,]+/).filter(Boolean);
  const terms: TSearchTerm[] = [];
  for (let i = 0; i < words.length && terms.length < MAX_SEARCH_TERMS; ) {
    let taken = 0;
    for (const span of [3, 2]) {
      if (i + span > words.length) continue;
      const text = words.slice(i, i + span).join(" ");
      const dates = birthDateCandidates(text, today);
      if (dates.length > 0) {
        terms.push({ text, dates, dateOnly: true });
        taken = span;
        break;
      }
    }
    if (!taken) {
      const text = words[i]!;
      terms.push({ text, dates: birthDateCandidates(text, today), dateOnly: false });
      taken = 1;
    }
    i += taken;
  }
  return terms;
}
