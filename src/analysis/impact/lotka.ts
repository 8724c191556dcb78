/**
 * Lotka's law of author productivity: the share of authors with n papers falls as C / n^β.
 * β and C are fitted by least squares on log10(share) against log10(n) over the observed
 * counts, as bibliometrix does (β = 2 is Lotka's own).
 */

export interface LotkaReport {
  /** Authors with exactly `papers` papers in the corpus, and their share of all authors. */
  distribution: { papers: number; authors: number; share: number }[];
  /** β, C and R² of the fit; 'too few distinct counts' with fewer than two distinct paper counts. */
  fit: { exponent: number; constant: number; r2: number } | 'too few distinct counts';
}

/** The fit over authors' paper counts (rows of the authorship index: offsets[a+1] − offsets[a]). */
export function lotkaFit(authorOffsets: ArrayLike<number>): LotkaReport {
  const authors = authorOffsets.length - 1;
  const byCount = new Map<number, number>();
  for (let a = 0; a < authors; a++) {
    const papers = authorOffsets[a + 1]! - authorOffsets[a]!;
    if (papers > 0) byCount.set(papers, (byCount.get(papers) ?? 0) + 1);
  }
  let total = 0;
  for (const count of byCount.values()) total += count;
  const distribution = [...byCount]
    .sort((a, b) => a[0] - b[0])
    .map(([papers, count]) => ({ papers, authors: count, share: count / total }));
  if (distribution.length < 2) return { distribution, fit: 'too few distinct counts' };
  const xs = distribution.map((row) => Math.log10(row.papers));
  const ys = distribution.map((row) => Math.log10(row.share));
  const n = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
    sxx += (xs[i]! - meanX) ** 2;
    syy += (ys[i]! - meanY) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { distribution, fit: { exponent: -slope, constant: 10 ** intercept, r2 } };
}
