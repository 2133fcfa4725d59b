// Text searched for with LIKE / ILIKE, or with Prisma's `contains` / `startsWith` (which put the value into a LIKE
// pattern as it is): `%` and `_` would be wildcards (a search for "%" would list everyone) and `\` PostgreSQL's
// escape character. Escaped, each matches itself.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
