// Names people type (patients, user accounts): one definition of what a name may hold, shared by the forms and the
// API. Invisible characters make one name look like another or reorder what is shown around it (a right-to-left
// override in a list, a CSV or a PDF), and control characters break logs and exports, so they are refused, not
// stripped: the person entering the name sees which field to correct. Names are stored composed (NFC), so "Zoë"
// typed on any keyboard is one string, found by one search.
import { z } from "zod";

/**
 * Control characters (C0, DEL, C1: \p{Cc}), format characters (\p{Cf}: bidirectional overrides, embeddings,
 * isolates and marks, the Arabic letter mark, zero-width space, joiners and no-break, the byte-order mark, soft
 * hyphen), line and paragraph separators (\p{Zl}, \p{Zp}) and the Hangul fillers, which render as nothing.
 */
export const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;

/** A person's name (`field` is how the form labels it): composed, trimmed, 1 to `max` characters, nothing invisible. */
export const personName = (field: string, max = 100) =>
  z
    .string({ error: `${field} is required` })
    .normalize("NFC")
    // Before trimming: trim() would silently drop a byte-order mark or line separator at either end.
    .refine((v) => !INVISIBLE_OR_CONTROL.test(v), `${field} must not contain invisible or control characters`)
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((v) => !/[<>]/.test(v), `${field} must not contain < or >`);

/** Search text (a name or MRN): composed like the names it is compared with, trimmed, at most `max` characters. */
export const searchText = (field: string, max = 100) =>
  z
    .string({ error: `${field} must be text` })
    .normalize("NFC")
    .trim()
    .max(max, `${field} must be at most ${max} characters`);
