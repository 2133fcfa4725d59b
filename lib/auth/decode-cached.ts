// next-auth's JWT decode, remembered per token string until the token expires. Used by currentUser and by
// proxy.ts, which both decrypt the session cookie on every request.
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

const MAX_ENTRIES = 10_000;
const decoded = new Map<string, JWT>();

/**
 * A session token is encrypted and authenticated (JWE): the same string always decrypts to the same claims,
 * and no one can produce a string that matches another's without holding it. So a decryption is reused for
 * that exact string until the token's own expiry; sign-in state still comes from the token, and the user
 * record (role, active) is still read from the database on every request by currentUser.
 */
export async function decodeCached(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  const key = `${String(params.secret)}\u0000${token}`;
  const hit = decoded.get(key);
  if (hit) {
    if (typeof hit.exp === "number" && hit.exp * 1000 > Date.now()) return hit;
    decoded.delete(key);
  }
  const claims = await decode(params);
  if (claims && typeof claims.exp === "number" && claims.exp * 1000 > Date.now()) {
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, claims);
  }
  return claims;
}
