/** FNV-1a's 32-bit offset basis and prime, for hashing a range of characters or bytes in place. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

function hex8(hash: number): string {
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function fnv1aStep(hash: number, text: string): number {
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

/** FNV-1a 32-bit hash of a text as a number (fnv1a gives the same hash as 8 hex digits). */
export function fnv1aNumber(text: string): number {
  return fnv1aStep(FNV_OFFSET, text);
}

/** FNV-1a 32-bit hash as 8 hex digits: a stable, dependency-free id for strings (not for security). */
export function fnv1a(text: string): string {
  return hex8(fnv1aStep(FNV_OFFSET, text));
}

/** Two independent FNV-1a rounds → 16 hex digits, collisions negligible for millions of titles. */
export function stableId(text: string): string {
  // The second round hashes `${text}\u0000${text.length}`, whose prefix is the first round's input:
  // it resumes from that state (xor with the NUL is a no-op), so the text is walked once.
  const first = fnv1aStep(FNV_OFFSET, text);
  const second = fnv1aStep(Math.imul(first, FNV_PRIME), String(text.length));
  return hex8(first) + hex8(second);
}
