/** FNV-1a 32-bit hash as 8 hex digits: a stable, dependency-free id for strings (not for security). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Two independent FNV-1a rounds → 16 hex digits, collisions negligible for millions of titles. */
export function stableId(text: string): string {
  return fnv1a(text) + fnv1a(`${text}\u0000${text.length}`);
}
