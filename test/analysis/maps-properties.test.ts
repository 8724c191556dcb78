import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  incidenceFromRows,
  occurrences,
  selectItems,
  transposeIncidence,
} from '../../src/analysis/maps/incidence.ts';
import { associationStrength } from '../../src/analysis/maps/normalize.ts';
import { countPairs } from '../../src/analysis/maps/pairs.ts';
import { parseKeywordThesaurus } from '../../src/ingest/keyword-thesaurus.ts';

const ITEMS = 12;
const rowsArbitrary = fc.array(fc.array(fc.integer({ min: 0, max: ITEMS - 1 }), { maxLength: 8 }), {
  maxLength: 12,
});

/** Pair counts straight from the rows: every container adds 1 and 1/(n−1) to each pair of its distinct items. */
function bruteForce(rows: number[][], kept: Set<number>): Map<string, [number, number]> {
  const pairs = new Map<string, [number, number]>();
  for (const row of rows) {
    const distinct = [...new Set(row)];
    const share = distinct.length > 1 ? 1 / (distinct.length - 1) : 0;
    const inMap = distinct.filter((item) => kept.has(item)).sort((a, b) => a - b);
    for (let i = 0; i < inMap.length; i++)
      for (let j = i + 1; j < inMap.length; j++) {
        const key = `${inMap[i]}|${inMap[j]}`;
        const [count, fractional] = pairs.get(key) ?? [0, 0];
        pairs.set(key, [count + 1, fractional + share]);
      }
  }
  return pairs;
}

describe('pair counts against a brute-force count', () => {
  it('gives every pair of kept items its containers, full and fractional, from both ends', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 1, max: 3 }), (rows, minOccurrences) => {
        const incidence = incidenceFromRows(rows, ITEMS);
        const counts = occurrences(incidence);
        const selection = selectItems(counts, minOccurrences, 1, ITEMS);
        const pairs = countPairs(incidence, selection.items);
        const expected = bruteForce(rows, new Set(selection.items));
        const { graph } = pairs;
        let arcs = 0;
        for (let u = 0; u < graph.nodeCount; u++)
          for (let arc = graph.offsets[u]!; arc < graph.offsets[u + 1]!; arc++) {
            arcs++;
            const [a, b] = [selection.items[u]!, selection.items[graph.targets[arc]!]!].sort((x, y) => x - y);
            const [count, fractional] = expected.get(`${a}|${b}`) ?? [0, 0];
            expect(pairs.counts[arc]).toBe(count);
            expect(pairs.fractional[arc]).toBeCloseTo(fractional, 9);
          }
        expect(arcs).toBe(2 * expected.size);
        // Every kept item met its threshold, and its occurrences are its containers.
        selection.items.forEach((item, node) => {
          expect(counts[item]).toBeGreaterThanOrEqual(minOccurrences);
          expect(pairs.occurrences[node]).toBe(rows.filter((row) => row.includes(item)).length);
        });
        // Association strength is symmetric, as the weights are.
        const strength = associationStrength(graph, graph.weights);
        for (let u = 0; u < graph.nodeCount; u++)
          for (let arc = graph.offsets[u]!; arc < graph.offsets[u + 1]!; arc++) {
            const v = graph.targets[arc]!;
            let back = graph.offsets[v]!;
            while (graph.targets[back] !== u) back++;
            expect(strength[arc]).toBeCloseTo(strength[back]!, 9);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('transposes an incidence into the same memberships, twice back to the start', () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const incidence = incidenceFromRows(rows, ITEMS);
        const twice = transposeIncidence(transposeIncidence(incidence));
        const rowsOf = (from: typeof incidence) =>
          Array.from({ length: from.containerCount }, (_, c) =>
            [...from.items.subarray(from.offsets[c]!, from.offsets[c + 1]!)].sort((a, b) => a - b),
          );
        expect(rowsOf(twice)).toEqual(rowsOf(incidence));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the keyword thesaurus parser', () => {
  it('never throws, and reads one rule per line with a label and a tab', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 10 }), (lines) => {
        const text = lines.join('\n');
        const { rules, diagnostics } = parseKeywordThesaurus(text, 'thesaurus.txt');
        for (const diagnostic of diagnostics) expect(diagnostic.file).toBe('thesaurus.txt');
        expect(Object.keys(rules).length + diagnostics.length).toBeLessThanOrEqual(lines.length + 1);
        for (const [label, replacement] of Object.entries(rules)) {
          expect(label).toBe(label.trim());
          expect(label).not.toBe('');
          expect(replacement).toBe(replacement.trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads every rule of a generated file', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[a-z][a-z -]{0,15}[a-z]$/),
          fc.stringMatching(/^[a-z ]{0,12}$/).map((text) => text.trim()),
        ),
        (rules) => {
          const text = ['label\treplace by', ...Object.entries(rules).map(([a, b]) => `${a}\t${b}`)].join(
            '\n',
          );
          expect(parseKeywordThesaurus(text, 't').rules).toEqual(rules);
        },
      ),
      { numRuns: 100 },
    );
  });
});
