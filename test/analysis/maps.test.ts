import { readFileSync } from 'node:fs';
import { type Link, NetworkClustering, type Node } from 'networkanalysis-ts/run/index.js';
import { describe, expect, it, vi } from 'vitest';
import { buildCitations } from '../../src/analysis/citations.ts';
import { citedReferenceId } from '../../src/analysis/cited-works.ts';
import { undirectedFromEdges } from '../../src/analysis/csr.ts';
import { buildMaps, mapNaming } from '../../src/analysis/maps/build.ts';
import { leidenPartition } from '../../src/analysis/maps/vos.ts';
import { analyzeOptions, type PartialAnalyzeOptions } from '../../src/analysis/options.ts';
import { analyze } from '../../src/analysis/pipeline.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { EdgeAttributes, NodeAttributes } from '../../src/model/graph-schema.ts';
import type { CitedReference, Corpus, Paper } from '../../src/model/types.ts';
import { QUIET_ANALYSIS } from '../helpers/quiet-analysis.ts';

const QUIET: PartialAnalyzeOptions = QUIET_ANALYSIS;
const EVERY_ITEM: PartialAnalyzeOptions = {
  ...QUIET,
  maps: { cocitation: { minOccurrences: 1 }, coupling: { minOccurrences: 1 }, leiden: { randomStarts: 1 } },
};

function paper(id: string, references: string[]): Paper {
  return {
    id,
    title: `Document ${id}`,
    authors: [],
    sources: [{ file: 'hand', line: 1, format: 'corpus-json' }],
    references: references.map((r): CitedReference => ({ raw: `Ref ${r}`, doi: `10.1/${r}` })),
  };
}

/**
 * Three documents, five references:
 *   D1 cites R1 R2 R3, D2 cites R1 R2 R4 R5, D3 cites R3 R4 R5.
 */
const HAND: Corpus = {
  papers: [
    paper('d1', ['r1', 'r2', 'r3']),
    paper('d2', ['r1', 'r2', 'r4', 'r5']),
    paper('d3', ['r3', 'r4', 'r5']),
  ],
  authors: [],
  diagnostics: [],
  files: [],
  merges: [],
};

const ref = (r: string): string => `ref:doi-10.1/${r}`;
const edgeKey = (kind: string, a: string, b: string): string => `${kind}:${a < b ? a : b}--${a < b ? b : a}`;

describe('co-citation and bibliographic coupling on a hand-counted corpus', () => {
  const { graph, report } = analyze(HAND, EVERY_ITEM);
  const edge = (kind: string, a: string, b: string): EdgeAttributes =>
    graph.getEdgeAttributes(edgeKey(kind, a, b)) as EdgeAttributes;

  it('links every pair of references by the documents citing both', () => {
    // Full count: documents citing both. Fractional: Σ 1/(n−1), n the citing document's list
    // length (D1 and D3: 1/2, D2: 1/3).
    const expected: [string, string, number, number][] = [
      ['r1', 'r2', 2, 1 / 2 + 1 / 3], // D1, D2
      ['r1', 'r3', 1, 1 / 2], // D1
      ['r2', 'r3', 1, 1 / 2], // D1
      ['r1', 'r4', 1, 1 / 3], // D2
      ['r1', 'r5', 1, 1 / 3], // D2
      ['r2', 'r4', 1, 1 / 3], // D2
      ['r2', 'r5', 1, 1 / 3], // D2
      ['r4', 'r5', 2, 1 / 3 + 1 / 2], // D2, D3
      ['r3', 'r4', 1, 1 / 2], // D3
      ['r3', 'r5', 1, 1 / 2], // D3
    ];
    for (const [a, b, count, fractional] of expected) {
      const attributes = edge('cocitation', ref(a), ref(b));
      expect(attributes.count, `${a}–${b}`).toBe(count);
      expect(attributes.fractional).toBeCloseTo(fractional, 6);
    }
    expect(graph.filterEdges((_e, attributes) => attributes.kind === 'cocitation')).toHaveLength(10);
    expect(report.summary.edges.cocitation).toBe(10);
  });

  it('links every pair of documents by the references they share', () => {
    // Each reference is cited by two documents, so each shared reference adds 1/(2−1) = 1.
    expect(edge('coupling', 'paper:d1', 'paper:d2')).toMatchObject({ count: 2, fractional: 2 }); // R1, R2
    expect(edge('coupling', 'paper:d1', 'paper:d3')).toMatchObject({ count: 1, fractional: 1 }); // R3
    expect(edge('coupling', 'paper:d2', 'paper:d3')).toMatchObject({ count: 2, fractional: 2 }); // R4, R5
    expect(report.summary.edges.coupling).toBe(3);
  });

  it('weighs links by association strength by default, as VOSviewer normalises', () => {
    // Coupling: total link strengths k = D1 3, D2 4, D3 3, T = 10; s = a·T / (k_i k_j).
    expect(edge('coupling', 'paper:d1', 'paper:d2').strength).toBeCloseTo((2 * 10) / 12, 6);
    expect(edge('coupling', 'paper:d1', 'paper:d3').strength).toBeCloseTo(10 / 9, 6);
    expect(edge('coupling', 'paper:d1', 'paper:d2').weight).toBeCloseTo((2 * 10) / 12, 6);
    // Co-citation: k = R1 5, R2 5, R3 4, R4 5, R5 5, T = 24.
    expect(edge('cocitation', ref('r1'), ref('r2')).strength).toBeCloseTo((2 * 24) / 25, 6);
    expect(edge('cocitation', ref('r3'), ref('r4')).strength).toBeCloseTo(24 / 20, 6);
  });

  it('weighs by cosine, Jaccard or inclusion over the occurrences when asked', () => {
    const weightWith = (normalization: 'cosine' | 'jaccard' | 'inclusion', a: string, b: string): number => {
      const result = analyze(HAND, { ...EVERY_ITEM, maps: { ...EVERY_ITEM.maps, normalization } });
      return (result.graph.getEdgeAttributes(edgeKey('cocitation', ref(a), ref(b))) as EdgeAttributes).weight;
    };
    // Every reference is cited twice: R1–R2 (2 together) and R1–R3 (1 together).
    expect(weightWith('cosine', 'r1', 'r2')).toBeCloseTo(2 / Math.sqrt(2 * 2), 6);
    expect(weightWith('cosine', 'r1', 'r3')).toBeCloseTo(1 / 2, 6);
    expect(weightWith('jaccard', 'r1', 'r3')).toBeCloseTo(1 / (2 + 2 - 1), 6);
    expect(weightWith('inclusion', 'r1', 'r3')).toBeCloseTo(1 / 2, 6);
  });

  it('puts the map attributes and the DOI on the kept references, and reports the threshold', () => {
    const attributes = graph.getNodeAttributes(ref('r1')) as NodeAttributes & Record<string, unknown>;
    expect(attributes.doi).toBe('10.1/r1');
    expect(attributes.cocitationOccurrences).toBe(2);
    expect(typeof attributes.cocitationCluster).toBe('number');
    const cocitation = report.maps.cocitation;
    if (cocitation === 'off') throw new Error('co-citation map missing');
    expect(cocitation).toMatchObject({
      items: 5,
      links: 10,
      minOccurrences: 1,
      threshold: 'given',
      candidates: 5,
    });
    expect(cocitation.topPairs[0]).toMatchObject({ count: 2 });
  });

  it('raises the automatic threshold until at most maxItems items are left', () => {
    const { report: capped } = analyze(HAND, { ...QUIET, maps: { cocitation: { maxItems: 3 } } });
    const cocitation = capped.maps.cocitation;
    if (cocitation === 'off') throw new Error('co-citation map missing');
    // Every reference has 2 citations: threshold 3 leaves none, the least threshold above 2 that fits.
    expect(cocitation).toMatchObject({ threshold: 'auto', minOccurrences: 3, items: 0 });
  });
});

/** Folded reference text, the key of a cited reference without DOI. */
const folded = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 100);

/** Per WoS record: its own DOI and its CR entries, read straight from the tagged lines. */
function wosRecords(text: string): { doi?: string; references: string[] }[] {
  const records: { doi?: string; references: string[] }[] = [];
  let current: { doi?: string; references: string[] } | undefined;
  let tag = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('PT ')) current = { references: [] };
    if (!current) continue;
    if (/^[A-Z][A-Z0-9] /.test(line)) tag = line.slice(0, 2);
    else if (!line.startsWith('   ')) tag = '';
    const value = line.slice(3).trim();
    if (tag === 'CR' && value) current.references.push(value);
    if (tag === 'DI') current.doi = value.toLowerCase();
    if (line.startsWith('ER')) {
      records.push(current);
      current = undefined;
    }
  }
  return records;
}

const wosDoi = (cr: string): string | undefined =>
  /DOI\s+\[?(?:DOI\s+)?(10\.[^\s,\]]+)/i
    .exec(cr)?.[1]
    ?.replace(/[.,;]+$/, '')
    .toLowerCase();

/** Pair counts over sets of keys, keyed 'a|b' with a < b. */
function pairCounts(sets: Set<string>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const set of sets) {
    const keys = [...set].sort();
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        const pair = `${keys[i]}|${keys[j]}`;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
  }
  return counts;
}

/** Co-citation counts of the maps between works that have a DOI, keyed like pairCounts. */
function mapPairsByDoi(corpus: Corpus, kind: 'cocitation'): Map<string, number> {
  const { graph } = analyze(corpus, EVERY_ITEM);
  const counts = new Map<string, number>();
  graph.forEachEdge((_edge, attributes, _s, _t, source, target) => {
    if (attributes.kind !== kind) return;
    const a = (source as { doi?: string }).doi ?? (graph.getNodeAttributes(_s) as { doi?: string }).doi;
    const b = (target as { doi?: string }).doi ?? (graph.getNodeAttributes(_t) as { doi?: string }).doi;
    if (!a || !b) return;
    counts.set(a < b ? `${a}|${b}` : `${b}|${a}`, attributes.count!);
  });
  return counts;
}

describe('co-citation and coupling of the real WoS fixture against a count from its CR lines', async () => {
  const file = 'test/fixtures/wos/bibliometrix-wos-sample-8.txt';
  const records = wosRecords(readFileSync(file, 'utf8'));
  const { corpus } = await ingestFiles([file]);

  it('reads the eight records and their CR lines', () => {
    expect(records).toHaveLength(8);
    expect(records.map((record) => record.references.length)).toEqual([53, 39, 67, 22, 1, 15, 40, 15]);
  });

  it('counts the same co-citations between works with a DOI', () => {
    // A paper does not cite itself: its own DOI is left out of its list.
    const expected = pairCounts(
      records.map(
        (record) =>
          new Set(
            record.references
              .map(wosDoi)
              .filter((doi): doi is string => doi !== undefined && doi !== record.doi),
          ),
      ),
    );
    expect(expected.size).toBeGreaterThan(1000);
    expect(Object.fromEntries(mapPairsByDoi(corpus, 'cocitation'))).toEqual(Object.fromEntries(expected));
  });

  it('counts the same references shared by every pair of records', () => {
    const keyOf = (cr: string): string => wosDoi(cr) ?? folded(cr);
    const sets = records.map((record) => new Set(record.references.map(keyOf)));
    const expected = new Map<string, number>();
    records.forEach((a, i) => {
      for (let j = i + 1; j < records.length; j++) {
        const shared = [...sets[i]!].filter((key) => sets[j]!.has(key)).length;
        if (shared > 0) expected.set(`${a.doi}|${records[j]!.doi}`, shared);
      }
    });
    const { graph } = analyze(corpus, EVERY_ITEM);
    const found = new Map<string, number>();
    graph.forEachEdge((_edge, attributes, source, target) => {
      if (attributes.kind !== 'coupling') return;
      const doi = (node: string): string => (graph.getNodeAttributes(node) as { doi?: string }).doi ?? node;
      const index = (node: string): number => records.findIndex((record) => record.doi === doi(node));
      const [a, b] = [source, target].sort((x, y) => index(x) - index(y));
      found.set(`${doi(a!)}|${doi(b!)}`, attributes.count!);
    });
    expect(expected.size).toBeGreaterThan(3);
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
  });
});

/** Scopus CSV rows as cells, quotes and doubled quotes handled. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('co-citation of the real Scopus fixture against a count from its References cells', async () => {
  const file = 'test/fixtures/scopus/bibliometrix-scopus-sample-8.csv';
  const [header, ...rows] = csvRows(readFileSync(file, 'utf8'));
  const column = header!.indexOf('References');
  const { corpus } = await ingestFiles([file]);

  it('counts the same co-citations between every pair of cited works', () => {
    // Each reference ends with its year in parentheses: '…, pp. 1-2, (2025); Next A., …'.
    const lists = rows.map((row) => row[column]!.split(/(?<=\(\d{4}\));\s*/));
    expect(corpus.papers).toHaveLength(8);
    // The reader reads the same references in the same order; a work's identity is its reference
    // key (cited-works.ts), so two strings of one work (author, year, volume, page) count once.
    const sets = corpus.papers.map((paper) => {
      const list = lists.find((texts) => texts[0] === paper.references![0]!.raw)!;
      expect(paper.references!.map((reference) => reference.raw)).toEqual(list);
      return new Set(paper.references!.map((reference) => `ref:${citedReferenceId(reference)}`));
    });
    const expected = pairCounts(sets);
    expect(expected.size).toBeGreaterThan(9000);

    const options = analyzeOptions({
      ...EVERY_ITEM,
      maps: {
        ...EVERY_ITEM.maps,
        cocitation: { minOccurrences: 1, maxItems: 5000 },
        coupling: { enabled: false },
      },
    });
    const inputs = { corpus, citations: buildCitations(corpus) };
    const map = buildMaps(inputs, options).cocitation!;
    const naming = mapNaming(map.items, inputs);
    const found = new Map<string, number>();
    const { graph, counts } = map.pairs;
    for (let u = 0; u < graph.nodeCount; u++)
      for (let arc = graph.offsets[u]!; arc < graph.offsets[u + 1]!; arc++) {
        const v = graph.targets[arc]!;
        if (v < u) continue;
        const [a, b] = [naming.key(map.kept[u]!), naming.key(map.kept[v]!)].sort();
        found.set(`${a}|${b}`, counts[arc]!);
      }
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
  });
});

describe('maps straight from the layers', () => {
  it('builds only the maps turned on', () => {
    const options = analyzeOptions({
      ...QUIET,
      maps: { coupling: { enabled: false }, cooccurrence: { enabled: false } },
    });
    const maps = buildMaps({ corpus: HAND, citations: buildCitations(HAND) }, options);
    expect(Object.keys(maps).sort()).toEqual([
      'authorCocitation',
      'cocitation',
      'countries',
      'institutions',
      'sourceCocitation',
    ]);
  });
});

describe('Leiden through networkanalysis-ts', () => {
  /** The README's network: two triangles joined by one link. */
  const EDGES: [number, number][] = [
    [0, 1],
    [1, 2],
    [2, 0],
    [2, 3],
    [3, 5],
    [5, 4],
    [4, 3],
  ];

  /** The library's own seeded usage: its run helper, as VOSviewer Online calls it. */
  function libraryLeiden(
    nodeCount: number,
    links: { a: number; b: number; weight: number }[],
    resolution: number,
    seed: number,
  ): number[] {
    const nodes: Node[] = Array.from({ length: nodeCount }, (_, id) => ({ id }));
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
    new NetworkClustering()
      .data(
        nodes,
        links.map(({ a, b, weight }): Link => ({ node1: nodes[a]!, node2: nodes[b]!, weight })),
      )
      .qualityFunction('CPM')
      .normalization('AssociationStrength')
      .resolution(resolution)
      .minClusterSize(1)
      .algorithm('Leiden')
      .randomStarts(10)
      .iterations(10)
      .randomness(0.01)
      .seed(seed)
      .run();
    quiet.mockRestore();
    return nodes.map((node) => node.cluster!);
  }

  const SETTINGS = {
    quality: 'cpm',
    resolution: 1,
    randomStarts: 10,
    iterations: 10,
    randomness: 0.01,
  } as const;

  it('gives the partition of the library run helper for the same seed on its README network', () => {
    const weights = EDGES.map(() => 1);
    const graph = undirectedFromEdges(
      6,
      EDGES.map(([a]) => a),
      EDGES.map(([, b]) => b),
      weights,
    );
    for (const resolution of [0.2, 1])
      for (const seed of [0, 42]) {
        const expected = libraryLeiden(
          6,
          EDGES.map(([a, b]) => ({ a, b, weight: 1 })),
          resolution,
          seed,
        );
        const ours = leidenPartition(graph, graph.weights, { ...SETTINGS, resolution }, seed);
        expect([...ours.membership], `resolution ${resolution}, seed ${seed}`).toEqual(expected);
      }
    // The two triangles, as anyone would draw them.
    expect([...leidenPartition(graph, graph.weights, SETTINGS, 0).membership]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('gives the partition of the library run helper on the WoS co-citation map', async () => {
    const { corpus } = await ingestFiles(['test/fixtures/wos/bibliometrix-wos-sample-8.txt']);
    const inputs = { corpus, citations: buildCitations(corpus) };
    const options = analyzeOptions({ ...EVERY_ITEM, maps: { ...EVERY_ITEM.maps, leiden: SETTINGS } });
    const map = buildMaps(inputs, options).cocitation!;
    const { graph, counts } = map.pairs;
    const links: { a: number; b: number; weight: number }[] = [];
    for (let a = 0; a < graph.nodeCount; a++)
      for (let arc = graph.offsets[a]!; arc < graph.offsets[a + 1]!; arc++)
        if (graph.targets[arc]! > a) links.push({ a, b: graph.targets[arc]!, weight: counts[arc]! });
    const expected = libraryLeiden(graph.nodeCount, links, 1, options.seed);
    expect(map.leiden.count).toBeGreaterThan(2);
    expect([...map.leiden.membership]).toEqual(expected);
    expect([...map.membership]).toEqual(expected);
  });
});
