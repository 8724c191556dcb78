/** Counts written the way people say them: '2000', '10k', '100k', '1m', '2.5k', '1_000'. */
const SUFFIXES: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000 };

/** The count, or undefined when the text is not a non-negative whole count. */
export function parseCount(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim().replace(/_/g, ''));
  if (!match) return undefined;
  const value = Number(match[1]) * SUFFIXES[match[2]!.toLowerCase()]!;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** 10000 → '10k', 1000000 → '1m', 2500 → '2.5k', 123 → '123'. */
export function formatCount(value: number): string {
  if (value >= 1_000_000 && value % 10_000 === 0) return `${value / 1_000_000}m`;
  if (value >= 1_000 && value % 100 === 0) return `${value / 1_000}k`;
  return String(value);
}
