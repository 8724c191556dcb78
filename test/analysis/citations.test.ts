/**
 * The citation layer (analysis/citations.ts): resolved through the stream's shared reference
 * numbers (model/reference-lists.ts) against the same corpus with every reference list copied
 * into fresh objects (the numbered path is only a shortcut, so arcs, counts and externals must be
 * identical); the external works and mentions of data/pages and the fixtures as the graph view
 * shows them; and the layer's invariants on random corpora.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Graph from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCitations,
  CITATION_ORIGINS,
  type CompactCitations,
  ORIGIN_ABSTRACT,
} from '../../src/analysis/citations.ts';
import { citedReferenceId, ExternalWorkIndex } from '../../src/analysis/cited-works.ts';
import { AnalysisView } from '../../src/analysis/graph-view.ts';
import { MAP_ITEM_KINDS } from '../../src/analysis/maps/view.ts';
import { analyzeCorpus } from '../../src/analysis/pipeline.ts';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { buildCorpus } from '../../src/ingest/ingest.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { NodeAttributes } from '../../src/model/graph-schema.ts';
import {
  hasDistinctReferences,
  SharedReferences,
  sharedReferencesOf,
} from '../../src/model/reference-lists.ts';
import type { AuthorName, CitedReference, Corpus, Paper } from '../../src/model/types.ts';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-citations-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function withCopiedReferences(corpus: Corpus): Corpus {
  return {
    ...corpus,
    papers: corpus.papers.map((paper) =>
      paper.references
        ? { ...paper, references: paper.references.map((reference) => ({ ...reference })) }
        : paper,
    ),
  };
}

/** Everything the citation layer says, as plain data: arcs, counts and each work's node (not how works are stored). */
function citationFacts(citations: CompactCitations): object {
  const { externalWorks: _stored, ...facts } = citations;
  const works = Array.from({ length: citations.referenceCount }, (_, r) => [
    citations.referenceId(r),
    citations.referenceText(r),
    citations.referenceYear(r),
    citations.referenceFamily(r),
  ]);
  return { ...facts, works };
}

function sharedListCount(corpus: Corpus): number {
  let count = 0;
  for (const paper of corpus.papers) {
    const list = paper.references;
    if (list && (sharedReferencesOf(list)?.startOfList(list) ?? -1) >= 0) count++;
  }
  return count;
}

/** What `citegraph analyze` builds from a JSON Lines file large enough to be streamed. */
async function streamedCorpus(file: string): Promise<Corpus> {
  const { records, diagnostics } = await readOpenAlexFile(file);
  return buildCorpus([
    {
      summary: {
        file,
        format: 'openalex',
        records: records.length,
        diagnostics: diagnostics.length,
        bytes: 0,
      },
      records,
      diagnostics,
    },
  ]);
}

const work = (id: number, references: string[]): string =>
  JSON.stringify({
    id: `https://openalex.org/W${id}`,
    title: `Work ${id}`,
    publication_year: 2020,
    authorships: [{ author: { display_name: `Author ${id % 7}` } }],
    referenced_works: references,
  });

describe('citations through shared reference numbers', () => {
  it('give the same arcs as plain reference objects on a streamed generated corpus', async () => {
    let text = '';
    writeCorpus(generateCorpus({ papers: 2000, seed: 11 }), 'openalex-jsonl', (chunk) => {
      text += chunk;
    });
    const file = join(folder, 'generated.jsonl');
    writeFileSync(file, text);
    const corpus = await streamedCorpus(file);
    expect(sharedListCount(corpus)).toBeGreaterThan(1000);
    const numbered = buildCitations(corpus);
    const plain = buildCitations(withCopiedReferences(corpus));
    expect(plain.resolvedInCorpus).toBeGreaterThan(5000);
    expect(citationFacts(numbered)).toEqual(citationFacts(plain));
  });

  it('agree on random works citing each other, themselves, twice, outside the corpus and in odd id shapes', async () => {
    const reference = fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((id) => `https://openalex.org/W${id}`),
      fc.integer({ min: 1, max: 40 }).map((id) => `W${id}`),
      fc.integer({ min: 1, max: 40 }).map((id) => `https://openalex.org/W0${id}`),
      fc.constantFrom('https://openalex.org/A5', 'not an id', ''),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.array(reference, { maxLength: 8 })), {
          minLength: 1,
          maxLength: 25,
        }),
        async (works) => {
          const file = join(folder, `random-${run++}.jsonl`);
          writeFileSync(file, `${works.map(([id, references]) => work(id, references)).join('\n')}\n`);
          const corpus = await streamedCorpus(file);
          expect(citationFacts(buildCitations(corpus))).toEqual(
            citationFacts(buildCitations(withCopiedReferences(corpus))),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('SharedReferences', () => {
  it('keeps a list as numbers only while the list keeps its length', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    const first = shared.add(1, { openalex: 'W1' });
    const second = shared.add(2, { openalex: 'W2' });
    shared.cite(first);
    shared.cite(second);
    shared.cite(first);
    const list = [shared.reference(first), shared.reference(second), shared.reference(first)];
    shared.sealList(list);
    const start = shared.startOfList(list);
    expect([...shared.numbers.subarray(start, start + 3)]).toEqual([first, second, first]);
    expect(sharedReferencesOf(list)).toBe(shared);
    expect(hasDistinctReferences(list)).toBe(false);
    list.push({ openalex: 'W3' });
    expect(shared.startOfList(list)).toBe(-1);
    expect(shared.startOfList([])).toBe(-1);
  });

  it('knows a list citing each work once, until the list changes', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    const numbers = [shared.add(1, { openalex: 'W1' }), shared.add(2, { openalex: 'W2' })];
    for (const number of numbers) shared.cite(number);
    const list = numbers.map((number) => shared.reference(number));
    shared.sealList(list);
    expect(hasDistinctReferences(list)).toBe(true);
    shared.nextWork();
    shared.cite(numbers[0]!);
    const next = [shared.reference(numbers[0]!)];
    shared.sealList(next);
    expect(hasDistinctReferences(next)).toBe(true);
    expect(hasDistinctReferences(list)).toBe(true);
    list.pop();
    expect(hasDistinctReferences(list)).toBe(false);
    expect(hasDistinctReferences([...next])).toBe(false);
  });

  it('refuses to seal a list that is not what was cited', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    shared.cite(shared.add(1, { openalex: 'W1' }));
    expect(() => shared.sealList([])).toThrow(/does not match/);
  });
});

/** The graph view of the analysis users get (themes, layout and timeline left out: citations need none). */
function citationView(corpus: Corpus): { view: AnalysisView; citations: CompactCitations } {
  const analysis = analyzeCorpus(corpus, { themes: { enabled: false }, layout: false, timeline: false });
  return { view: new AnalysisView(analysis), citations: analysis.citations };
}

function referenceLabels(view: AnalysisView): string[] {
  return [...view.nodeEntriesOfKind('reference')].map(({ attributes }) => attributes.label);
}

describe('external works and mentions in data/pages', async () => {
  const { corpus } = await ingestFiles(['data/pages']);
  const { view } = citationView(corpus);

  it('makes a Reference node of each work an abstract mentions, with the citing sentence on the edge', () => {
    expect(view.getNodeAttributes('ref:sachs-etal-2022')).toMatchObject({
      kind: 'reference',
      label: 'Sachs et al. 2022',
      referenceId: 'sachs-etal-2022',
      text: 'Sachs et al. 2022',
      year: 2022,
      firstAuthorFamily: 'Sachs',
      mentionCount: 1,
      size: 2.5,
      color: '#8a8a8a',
    });
    const mentions = [...view.edgeEntriesOfKind('mentions')].filter(
      (entry) => entry.target === 'ref:sachs-etal-2022',
    );
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.attributes).toEqual({
      kind: 'mentions',
      weight: 1,
      origin: 'abstract',
      context:
        'Stochastically Extended Adversarial (SEA) model is introduced by Sachs et al. [2022] as an interpolation between stochastic and adversarial online convex optimization.',
    });
    expect(mentions[0]!.source.startsWith('paper:')).toBe(true);
    expect(view.getNodeAttributes(mentions[0]!.source).kind).toBe('paper');
  });

  it('keys narrative, parenthetical and bracket mentions by surnames and year or by key', () => {
    for (const node of [
      'ref:kovalev-etal-2020',
      'ref:rubinfeld-vasilyan-2023',
      'ref:key-cmm21',
      'ref:wu-etal-2018',
    ])
      expect(view.hasNode(node)).toBe(true);
    expect(view.getNodeAttributes('ref:key-cmm21')).toMatchObject({ text: '[CMM21]', year: 2021 });
    expect(view.hasNode('ref:nobody-2020')).toBe(false);
  });

  it('takes a quoted title as a work and a short quoted term as none', () => {
    const labels = referenceLabels(view);
    expect(labels).toContain('“Attention Is All You Need”');
    expect(labels).not.toContain('“neural collapse”');
  });

  it('finds no mention when abstracts are not mined', () => {
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.referenceCount).toBe(0);
    expect(citations.fromAbstracts).toBe(0);
  });
});

/**
 * The counts of the graphology build (src/graph/build.ts, compared while it existed), checked by
 * hand where a file says them: the two OpenAlex works cite 70 and 45 distinct works, none of them
 * the other; data/pages has no reference lists and 22 mentions of works outside it. The Scopus
 * fixture's 381 references name 374 works (cited-work-identity.test.ts counts them from the file).
 */
const GRAPHOLOGY_COUNTS: Record<
  string,
  {
    fromReferenceLists: number;
    fromAbstracts: number;
    resolvedInCorpus: number;
    external: number;
    references: number;
  }
> = {
  'data/pages': {
    fromReferenceLists: 0,
    fromAbstracts: 22,
    resolvedInCorpus: 0,
    external: 22,
    references: 22,
  },
  'test/fixtures/wos': {
    fromReferenceLists: 425,
    fromAbstracts: 0,
    resolvedInCorpus: 5,
    external: 420,
    references: 402,
  },
  'test/fixtures/scopus': {
    fromReferenceLists: 381,
    fromAbstracts: 8,
    resolvedInCorpus: 0,
    external: 389,
    references: 382,
  },
  'test/fixtures/openalex': {
    fromReferenceLists: 115,
    fromAbstracts: 0,
    resolvedInCorpus: 0,
    external: 115,
    references: 115,
  },
};

describe('the citation counts of the graphology build', () => {
  for (const [input, expected] of Object.entries(GRAPHOLOGY_COUNTS))
    it(`on ${input}`, async () => {
      const { corpus } = await ingestFiles([input]);
      const { view, citations } = citationView(corpus);
      const { fromReferenceLists, fromAbstracts, resolvedInCorpus, external, referenceCount } = citations;
      expect({
        fromReferenceLists,
        fromAbstracts,
        resolvedInCorpus,
        external,
        references: referenceCount,
      }).toEqual(expected);
      expect([...view.edgeEntriesOfKind('cites')]).toHaveLength(resolvedInCorpus);
      expect([...view.edgeEntriesOfKind('mentions')]).toHaveLength(external);
      expect([...view.nodeEntriesOfKind('reference')]).toHaveLength(referenceCount);
      // The rest of the graph: the items of the maps of named items (keywords, countries, cited sources…).
      const mapItems = MAP_ITEM_KINDS.reduce(
        (sum, kind) => sum + [...view.nodeEntriesOfKind(kind)].length,
        0,
      );
      expect(view.order).toBe(corpus.papers.length + corpus.authors.length + referenceCount + mapItems);
    });
});

describe('PageRank on the citation layer', () => {
  it('is graphology-metrics pagerank over the papers, works, cites and mentions edges the view shows', async () => {
    const { corpus } = await ingestFiles(['test/fixtures/wos', 'test/fixtures/scopus']);
    const { view, citations } = citationView(corpus);
    expect(citations.resolvedInCorpus).toBeGreaterThan(0);
    expect(citations.fromAbstracts).toBeGreaterThan(0);
    const graph = new Graph({ type: 'directed' });
    const shown = new Map<string, NodeAttributes>();
    for (const kind of ['paper', 'reference'] as const)
      for (const { node, attributes } of view.nodeEntriesOfKind(kind)) {
        graph.addNode(node);
        shown.set(node, attributes);
      }
    for (const kind of ['cites', 'mentions'] as const)
      for (const { edge, source, target } of view.edgeEntriesOfKind(kind))
        graph.addDirectedEdgeWithKey(edge, source, target);
    const expected = pagerank(graph, { getEdgeWeight: null });
    for (const [node, attributes] of shown) {
      expect((attributes as { pagerank?: number }).pagerank).toBeCloseTo(expected[node]!, 8);
      if (attributes.kind === 'paper') expect(attributes.degree).toBe(graph.degree(node));
      if (attributes.kind === 'reference') expect(attributes.mentionCount).toBe(graph.inDegree(node));
    }
  });
});

const FAMILIES = ['Smith', 'Jones', 'Lee', 'Müller', 'Muller', 'van Dijk', 'Chen'];
const TITLES = ['Attention Is All You Need', 'Deep Residual Learning For Images', 'On Graphs And Things'];
const randomReference: fc.Arbitrary<CitedReference> = fc.oneof(
  fc.record({ doi: fc.constantFrom('10.1/a', '10.1/b', '10.1/z') }),
  fc.record({ openalex: fc.constantFrom('W1', 'W2', 'W9', 'W09') }),
  fc.record({ title: fc.constantFrom(...TITLES) }),
  fc.record({ raw: fc.constantFrom('Smith J, 2020, NATURE', 'smith j 2020 nature', 'Jones K, 2019') }),
);
const randomSentence = fc.oneof(
  fc
    .tuple(fc.constantFrom(...FAMILIES), fc.constantFrom(2019, 2020))
    .map(([family, year]) => `${family} et al. (${year}) showed it.`),
  fc
    .tuple(fc.constantFrom(...FAMILIES), fc.constantFrom(...FAMILIES), fc.constantFrom(2019, 2020))
    .map(([a, b, year]) => `As before (${a} and ${b}, ${year}).`),
  fc.constantFrom('We follow [SJ20] and [CMM21].', 'We use "neural collapse" here.', 'Nothing cited.'),
  fc.constantFrom(...TITLES).map((title) => `The paper “${title}” is cited.`),
);
const randomPaper = fc.record({
  families: fc.array(fc.constantFrom(...FAMILIES), { maxLength: 3 }),
  year: fc.option(fc.integer({ min: 2019, max: 2020 }), { nil: undefined }),
  doi: fc.option(fc.constantFrom('10.1/a', '10.1/b'), { nil: undefined }),
  openalex: fc.option(fc.constantFrom('W1', 'W2'), { nil: undefined }),
  title: fc.constantFrom(...TITLES, 'Something Else'),
  references: fc.array(randomReference, { maxLength: 6 }),
  sentences: fc.array(randomSentence, { maxLength: 3 }),
});

type RandomPaper = typeof randomPaper extends fc.Arbitrary<infer T> ? T : never;

function randomCorpus(specs: RandomPaper[]): Corpus {
  const papers: Paper[] = specs.map((spec, index) => ({
    id: `p${index}`,
    title: spec.title,
    authors: spec.families.map(
      (family): AuthorName => ({ name: `A ${family}`, key: `a ${family}`, kind: 'person', family }),
    ),
    year: spec.year,
    ids: { doi: spec.doi, openalex: spec.openalex },
    references: spec.references,
    abstract: spec.sentences.join(' '),
    sources: [],
  }));
  return { papers, authors: [], diagnostics: [], files: [], merges: [] };
}

describe('the citation layer on random corpora', () => {
  it('has no self arcs, no arc twice, in-degrees as citedBy and mentionCount, contexts on mined arcs only', () => {
    fc.assert(
      fc.property(fc.array(randomPaper, { minLength: 1, maxLength: 12 }), (specs) => {
        const citations = buildCitations(randomCorpus(specs));
        const { graph, paperCount, origin, context } = citations;
        expect(graph.nodeCount).toBe(paperCount + citations.referenceCount);
        const inDegree = new Uint32Array(graph.nodeCount);
        for (let p = 0; p < graph.nodeCount; p++) {
          const row = graph.targets.subarray(graph.offsets[p]!, graph.offsets[p + 1]!);
          if (p >= paperCount) expect(row.length).toBe(0);
          expect(row.includes(p)).toBe(false);
          expect(new Set(row).size).toBe(row.length);
          for (const target of row) inDegree[target]!++;
        }
        expect([...citations.citedBy]).toEqual([...inDegree.subarray(0, paperCount)]);
        expect([...citations.mentionCount]).toEqual([...inDegree.subarray(paperCount)]);
        expect(citations.mentionCount.every((count) => count > 0)).toBe(true);
        expect(citations.resolvedInCorpus + citations.external).toBe(graph.targets.length);
        expect(citations.fromReferenceLists + citations.fromAbstracts).toBe(graph.targets.length);
        for (const arc of context.keys()) expect(origin[arc]).toBe(ORIGIN_ABSTRACT);
        expect(origin.every((code) => code < CITATION_ORIGINS.length)).toBe(true);
        const ids = Array.from({ length: citations.referenceCount }, (_, r) => citations.referenceId(r));
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it('resolves a mention to the one paper of that year whose authors carry the surnames', () => {
    const corpus = randomCorpus([
      {
        families: ['Chen', 'Chen'],
        year: 2020,
        doi: undefined,
        openalex: undefined,
        title: 'On Graphs And Things',
        references: [],
        sentences: [],
      },
      {
        families: ['Lee'],
        year: 2021,
        doi: undefined,
        openalex: undefined,
        title: 'Something Else',
        references: [],
        sentences: ['Chen et al. (2020) showed it.', 'As before (Lee and Chen, 2020).'],
      },
    ]);
    const citations = buildCitations(corpus);
    // Two authors named Chen make one candidate paper, not two (the graphology build found none).
    expect(citations.resolvedInCorpus).toBe(1);
    expect(citations.citedBy[0]).toBe(1);
    expect(citations.referenceId(0)).toBe('lee-chen-2020');
  });
});

describe('ExternalWorkIndex', () => {
  it('numbers each reference id once, in the order first met, through its growth', () => {
    const index = new ExternalWorkIndex();
    const firstNumber = new Map<string, number>();
    const expected: number[] = [];
    const got: number[] = [];
    let state = 7;
    const next = (bound: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state >>> 8) % bound;
    };
    for (let i = 0; i < 60_000; i++) {
      const k = next(20_000);
      const reference: CitedReference = [
        { openalex: `W${4_000_000_000 + k}` },
        { openalex: `W0${k}` },
        { doi: `10.1/${k}`, openalex: `W${k}` },
        { raw: `Text ${k % 100}, 2020` },
      ][next(4)]!;
      const id = citedReferenceId(reference);
      if (!firstNumber.has(id)) firstNumber.set(id, firstNumber.size);
      expected.push(firstNumber.get(id)!);
      got.push(index.internCited(reference));
    }
    expect(got).toEqual(expected);
    expect(index.size).toBe(firstNumber.size);
    // A mention id spelled like a cited one names the same work.
    const seen = [...firstNumber.keys()];
    for (const prefix of ['openalex-W4', 'openalex-W0', 'doi-', 'raw-']) {
      const id = seen.find((key) => key.startsWith(prefix))!;
      expect(index.internId(id)).toBe(firstNumber.get(id));
    }
    expect(index.size).toBe(firstNumber.size);
  });
});
