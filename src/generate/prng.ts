/**
 * Seeded pseudo-random numbers for the corpus generator. Pure (no `node:` imports) so the same
 * seed gives the same corpus in Node and in the browser.
 */
import { type Random, seededRandom } from '../util/random.ts';

export type { Random };

/** Mixes a 32-bit integer into a well-spread 32-bit integer (the splitmix32 finaliser). */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * mulberry32 (seededRandom) with the seed mixed first, so that seeds 1, 2, 3… give unrelated
 * streams.
 */
export function mulberry32(seed: number): Random {
  return seededRandom(mix32(seed >>> 0));
}

/** A generator for one sub-stream (one paper's text, one step) derived from a seed and an index. */
export function substream(seed: number, stream: number, index: number): Random {
  return mulberry32(mix32(mix32(seed ^ Math.imul(stream, 0x85ebca6b)) ^ index));
}

/** A uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** A standard normal variate (Box–Muller; one of the pair is dropped to keep the state simple). */
export function randomNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A member of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
