import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCitations } from '../../src/analysis/citations.ts';
import { type BibliometricMap, buildMaps, mapNaming } from '../../src/analysis/maps/build.ts';
import { affiliationCountry, affiliationInstitution } from '../../src/analysis/maps/sources.ts';
import { leidenCommunities } from '../../src/analysis/maps/vos.ts';
import { analyzeOptions, type PartialAnalyzeOptions } from '../../src/analysis/options.ts';
import { analyze } from '../../src/analysis/pipeline.ts';
import { parseKeywordThesaurus } from '../../src/ingest/keyword-thesaurus.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { AuthorName, Corpus, Paper } from '../../src/model/types.ts';
import { QUIET_ANALYSIS } from '../helpers/quiet-analysis.ts';

const QUIET: PartialAnalyzeOptions = QUIET_ANALYSIS;

function paper(id: string, fields: Partial<Paper>): Paper {
  return {
    id,
    title: `Document ${id}`,
    authors: [],
    sources: [{ file: 'hand', line: 1, format: 'corpus-json' }],
    ...fields,
  };
}

const corpusOf = (papers: Paper[]): Corpus => ({
  papers,
  authors: [],
  diagnostics: [],
  files: [],
  merges: [],
});

/** The links of a map as 'a|b' (labels sorted) → [count, fractional]. */
function links(map: BibliometricMap, corpus: Corpus): Record<string, [number, number]> {
  const naming = mapNaming(map.items, { corpus, citations: buildCitations(corpus) });
  const { graph, counts, fractional } = map.pairs;
  const found: Record<string, [number, number]> = {};
  for (let u = 0; u < graph.nodeCount; u++)
    for (let arc = graph.offsets[u]!; arc < graph.offsets[u + 1]!; arc++) {
      const v = graph.targets[arc]!;
      if (v < u) continue;
      const [a, b] = [naming.label(map.kept[u]!), naming.label(map.kept[v]!)].sort();
      found[`${a}|${b}`] = [counts[arc]!, Math.round(fractional[arc]! * 1e6) / 1e6];
    }
  return found;
}

function mapOf(
  corpus: Corpus,
  name: 'cooccurrence' | 'countries' | 'institutions',
  maps: PartialAnalyzeOptions['maps'] = {},
) {
  const options = analyzeOptions({
    ...QUIET,
    maps: { ...maps, [name]: { minOccurrences: 1, ...maps[name] } },
  });
  return buildMaps({ corpus, citations: buildCitations(corpus) }, options)[name]!;
}

describe('keyword co-occurrence on a hand-counted corpus', () => {
  // 'Machine learning' and 'machine-learning' fold to one keyword; so do 'networks' and 'Networks'.
  const corpus = corpusOf([
    paper('k1', { keywords: ['Machine learning', 'Deep Learning', 'networks'] }),
    paper('k2', { keywords: ['machine-learning', 'networks'] }),
    paper('k3', { keywords: ['deep learning', 'Networks', 'graphs'] }),
  ]);

  it('links keywords by the papers that have both, fractionally by 1/(n−1) per paper', () => {
    expect(links(mapOf(corpus, 'cooccurrence'), corpus)).toEqual({
      'deep learning|machine learning': [1, 0.5], // k1
      'machine learning|networks': [2, 1.5], // k1 (1/2), k2 (1/1)
      'deep learning|networks': [2, 1], // k1, k3
      'deep learning|graphs': [1, 0.5], // k3
      'graphs|networks': [1, 0.5], // k3
    });
  });

  it('merges and drops keywords through a VOSviewer thesaurus file', () => {
    const { rules, diagnostics } = parseKeywordThesaurus(
      'label\treplace by\nGraphs\tnetworks\nno tab here\n',
      'thesaurus.txt',
    );
    expect(rules).toEqual({ Graphs: 'networks' });
    expect(diagnostics).toMatchObject([{ line: 3, code: 'thesaurus-line' }]);
    // k3 becomes deep learning, networks: two keywords, so 1 for its pair.
    expect(links(mapOf(corpus, 'cooccurrence', { thesaurus: rules }), corpus)).toEqual({
      'deep learning|machine learning': [1, 0.5],
      'machine learning|networks': [2, 1.5],
      'deep learning|networks': [2, 1.5],
    });
    const dropped = mapOf(corpus, 'cooccurrence', { thesaurus: { graphs: '' } });
    expect(links(dropped, corpus)['deep learning|networks']).toEqual([2, 1.5]);
  });

  it('reads index keywords when asked', () => {
    const indexed = corpusOf([
      paper('i1', { keywords: ['a'], indexKeywords: ['X', 'Y'] }),
      paper('i2', { indexKeywords: ['x', 'y', 'z'] }),
    ]);
    expect(links(mapOf(indexed, 'cooccurrence', { keywords: 'index' }), indexed)).toEqual({
      'x|y': [2, 1.5],
      'x|z': [1, 0.5],
      'y|z': [1, 0.5],
    });
  });
});

describe('co-citation of cited first authors and sources', () => {
  const cited = (firstAuthorFamily: string, source: string) => ({
    raw: `${firstAuthorFamily}, ${source}`,
    firstAuthorFamily,
    source,
  });
  // s1 cites Garfield (Science), Price (Science), Small (JASIS); s2 Garfield twice (Science, JASIS)
  // and Small (JASIS); s3 Price (Nature).
  const corpus = corpusOf([
    paper('s1', {
      references: [cited('Garfield', 'Science'), cited('Price', 'Science'), cited('Small', 'JASIS')],
    }),
    paper('s2', {
      references: [cited('Garfield', 'Science'), cited('Garfield', 'JASIS'), cited('Small', 'JASIS')],
    }),
    paper('s3', { references: [cited('Price', 'Nature')] }),
  ]);

  it('links first authors and sources by the papers citing both', () => {
    const options = { authorCocitation: { minOccurrences: 1 }, sourceCocitation: { minOccurrences: 1 } };
    const maps = buildMaps(
      { corpus, citations: buildCitations(corpus) },
      analyzeOptions({ ...QUIET, maps: options }),
    );
    // s1 cites three authors (1/2 a pair), s2 two (Garfield counted once: 1 a pair).
    expect(links(maps.authorCocitation!, corpus)).toEqual({
      'Garfield|Price': [1, 0.5],
      'Garfield|Small': [2, 1.5],
      'Price|Small': [1, 0.5],
    });
    // s1 cites two sources, s2 two: 1 each.
    expect(links(maps.sourceCocitation!, corpus)).toEqual({ 'JASIS|Science': [2, 2] });
  });
});

describe('co-authorship of countries and institutions', () => {
  const author = (affiliations: string[]): AuthorName => ({
    name: 'A',
    key: 'a',
    kind: 'person',
    affiliations,
  });

  it('reads the country and the institution of WoS and Scopus affiliations', () => {
    expect(affiliationCountry('Univ Calif Berkeley, Dept Stat, Berkeley, CA 94720 USA')).toBe('USA');
    expect(affiliationCountry('Tsinghua Univ, Dept Comp Sci, Beijing 100084, Peoples R China.')).toBe(
      'Peoples R China',
    );
    expect(
      affiliationCountry(
        'Univ Technol Sarawak, Sch Built Environm, Jalan Univ, Sibu 96000, Sarawak, Malaysia.',
      ),
    ).toBe('Malaysia');
    expect(
      affiliationCountry('Department of Clinical Medicine, Hunan Normal University, Hunan, Changsha, China'),
    ).toBe('China');
    expect(affiliationCountry('Somewhere')).toBeUndefined();
    expect(affiliationInstitution('Dept Stat, Univ Calif Berkeley, Berkeley, CA 94720 USA')).toBe(
      'Univ Calif Berkeley',
    );
    expect(affiliationInstitution('MIT, Cambridge, MA 02139 USA')).toBe('MIT');
  });

  it('links countries and institutions by the papers their authors share', () => {
    const corpus = corpusOf([
      paper('c1', {
        authors: [
          author(['Univ A, Dept X, Berkeley, CA 94720 USA']),
          author(['Tsinghua Univ, Beijing 100084, Peoples R China']),
        ],
      }),
      paper('c2', {
        authors: [
          author(['Univ B, Paris, France']),
          author(['MIT, Cambridge, MA 02139 USA', 'Univ B, Paris, France']),
        ],
      }),
      paper('c3', {
        authors: [author(['Univ B, Paris, France']), author(['Univ A, Berkeley, CA 94720 USA'])],
      }),
    ]);
    expect(links(mapOf(corpus, 'countries'), corpus)).toEqual({
      'Peoples R China|USA': [1, 1], // c1
      'France|USA': [2, 2], // c2, c3
    });
    expect(links(mapOf(corpus, 'institutions'), corpus)).toEqual({
      'Tsinghua Univ|Univ A': [1, 1], // c1
      'MIT|Univ B': [1, 1], // c2
      'Univ A|Univ B': [1, 1], // c3
    });
  });
});

/** A WoS tag's value per record, continuation lines joined by '; ' for list tags, ' ' otherwise. */
function wosField(text: string, tag: string): string[] {
  const values: string[] = [];
  let current: string | undefined;
  let inTag = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('PT ')) current = '';
    if (/^[A-Z][A-Z0-9] /.test(line)) inTag = line.startsWith(`${tag} `);
    else if (!line.startsWith('   ')) inTag = false;
    if (inTag && current !== undefined) current += `${current ? ' ' : ''}${line.slice(3).trim()}`;
    if (line.startsWith('ER') && current !== undefined) {
      values.push(current);
      current = undefined;
    }
  }
  return values;
}

describe('keyword co-occurrence of the real WoS fixture against a count from its DE lines', async () => {
  const file = 'test/fixtures/wos/bibliometrix-wos-sample-8.txt';
  const { corpus } = await ingestFiles([file]);
  const fold = (text: string): string =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('counts the same pairs of author keywords', () => {
    const sets = wosField(readFileSync(file, 'utf8'), 'DE').map(
      (value) => new Set(value.split(';').map(fold).filter(Boolean)),
    );
    expect(sets).toHaveLength(8);
    const expected: Record<string, number> = {};
    for (const set of sets) {
      const keys = [...set].sort();
      for (let i = 0; i < keys.length; i++)
        for (let j = i + 1; j < keys.length; j++)
          expected[`${keys[i]}|${keys[j]}`] = (expected[`${keys[i]}|${keys[j]}`] ?? 0) + 1;
    }
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    const found: Record<string, number> = {};
    for (const [pair, [count]] of Object.entries(
      links(mapOf(corpus, 'cooccurrence', { cooccurrence: { maxItems: 5000 } }), corpus),
    )) {
      const [a, b] = pair.split('|').map(fold).sort();
      found[`${a}|${b}`] = count;
    }
    expect(found).toEqual(expected);
    // 'bibliometrix' and 'bibliometric analysis' are together in four records.
    expect(expected['bibliometric analysis|bibliometrix']).toBe(4);
  });

  it('puts keyword and country nodes with their map attributes in the analysed graph', () => {
    const { graph, report } = analyze(corpus, QUIET);
    const keyword = graph.getNodeAttributes('keyword:bibliometrix') as unknown as Record<string, unknown>;
    expect(keyword).toMatchObject({
      kind: 'keyword',
      label: 'bibliometrix',
      occurrences: 6,
      cooccurrenceOccurrences: 6,
    });
    expect(keyword.community).toBe(keyword.cooccurrenceCluster);
    expect(typeof keyword.avgYear).toBe('number');
    expect(
      graph.getEdgeAttributes('cooccurrence:keyword:bibliometric analysis--keyword:bibliometrix'),
    ).toMatchObject({
      kind: 'cooccurrence',
      count: 4,
    });
    expect(graph.hasNode('country:Malaysia')).toBe(true);
    const cooccurrence = report.maps.cooccurrence;
    if (cooccurrence === 'off') throw new Error('keyword map missing');
    expect(graph.filterNodes((_n, attributes) => attributes.kind === 'keyword')).toHaveLength(
      cooccurrence.items,
    );
    expect(report.summary.edges.cooccurrence).toBe(cooccurrence.links);
  });

  it('finds collaborator groups with Leiden when asked, and reports its modularity', () => {
    const { report, analysis } = analyze(corpus, { ...QUIET, collaborationClustering: 'leiden' });
    const leiden = leidenCommunities(
      analysis.coauthorship.graph,
      1,
      { ...analysis.options.maps.leiden, randomStarts: 1 },
      analysis.options.seed,
    );
    expect([...analysis.collaboration.membership]).toEqual([...leiden.membership]);
    const louvain = analyze(corpus, QUIET).report;
    expect(report.collaboration.communities.length).toBeGreaterThan(1);
    // Eight papers of small teams: both find the same groups.
    expect(report.collaboration.modularity).toBeCloseTo(louvain.collaboration.modularity, 6);
    expect(report.collaboration.unassigned).toBe(louvain.collaboration.unassigned);
  });
});
