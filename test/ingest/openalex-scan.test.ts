import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { parseOpenAlexLine } from '../../src/ingest/formats/openalex.ts';
import { scanOpenAlexWork } from '../../src/ingest/formats/openalex-scan.ts';
import { buildCorpus } from '../../src/ingest/ingest.ts';
import { readLineBlocks, readLines } from '../../src/ingest/lines-node.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { hasDistinctReferences, SharedReferences } from '../../src/model/reference-lists.ts';
import type { ParseResult } from '../../src/model/types.ts';
import { CITED_ID_SHAPES } from '../helpers/openalex-ids.ts';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-openalex-scan-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The scanner's answer for a whole buffer as a ParseResult, or undefined for "fall back". */
/** One table for the whole file, as a stream keeps one: later lines find earlier lines' references. */
const sharedReferences = new SharedReferences();

/** The scan with shared references (as the stream does it), which must equal the scan without. */
function scanned(bytes: Uint8Array, file: string, line: number): ParseResult | undefined {
  const outcome = scanOpenAlexWork(bytes, 0, bytes.length, file, line, sharedReferences);
  expect(outcome).toEqual(scanOpenAlexWork(bytes, 0, bytes.length, file, line));
  if (outcome === undefined) return undefined;
  return 'record' in outcome
    ? { records: [outcome.record], diagnostics: [] }
    : { records: [], diagnostics: [outcome.diagnostic] };
}

/** What the old path gives for the line: decoded as the line reader decodes it, then JSON.parse. */
function expected(bytes: Uint8Array, file: string, line: number): ParseResult {
  return parseOpenAlexLine(Buffer.from(bytes).toString('utf8'), file, line);
}

/** Checks every line of a text (as the line reader splits it); returns how many lines fell back. */
function checkLines(content: Buffer, file: string): { lines: number; fallbacks: number } {
  let fallbacks = 0;
  let lines = 0;
  let start = 0;
  while (start < content.length) {
    let stop = content.indexOf(10, start);
    if (stop < 0) stop = content.length;
    const line = content.subarray(start, stop > start && content[stop - 1] === 13 ? stop - 1 : stop);
    lines++;
    const fast = scanned(line, file, lines);
    if (fast === undefined) fallbacks++;
    else expect(fast, `${file}:${lines}`).toStrictEqual(expected(line, file, lines));
    start = stop + 1;
  }
  return { lines, fallbacks };
}

/** The stream as it was: string lines from `readLines`, each through JSON.parse. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

async function readOldWay(path: string): Promise<ParseResult> {
  const result: ParseResult = { records: [], diagnostics: [] };
  let line = 0;
  for await (const text of readLines(path, undefined, { bytes: 0 })) {
    line++;
    const parsed = parseOpenAlexLine(text, path, line);
    result.records.push(...parsed.records);
    result.diagnostics.push(...parsed.diagnostics);
  }
  return result;
}

function generatedCorpus(papers: number, seed: number): string {
  let text = '';
  writeCorpus(generateCorpus({ papers, seed }), 'openalex-jsonl', (chunk) => {
    text += chunk;
  });
  return text;
}

describe('scanOpenAlexWork on real and generated works', () => {
  it('gives exactly the JSON.parse records for every fixture line, without falling back on works', () => {
    const jsonl = checkLines(
      readFileSync('test/fixtures/openalex/works-openalexpro-jq-transformed.jsonl'),
      'a',
    );
    expect(jsonl.fallbacks).toBe(0);
    const work = checkLines(readFileSync('test/fixtures/openalex/work-W2741809807.json'), 'b');
    expect(work.fallbacks).toBe(0);
    // A /works page in one line is an object but not a work: the same diagnostic, no fallback.
    const page = readFileSync('test/fixtures/openalex/works-page-2-results.json');
    const compact = Buffer.from(JSON.stringify(JSON.parse(page.toString('utf8'))));
    expect(checkLines(compact, 'c').fallbacks).toBe(0);
    // Pretty-printed, each line is a fragment: all fall back to JSON.parse and its diagnostics.
    checkLines(page, 'd');
  });

  it('reads a generated corpus of 2000 works like JSON.parse, none falling back', async () => {
    const text = generatedCorpus(2000, 3);
    const { lines, fallbacks } = checkLines(Buffer.from(text), 'gen');
    expect(lines).toBe(2000);
    expect(fallbacks).toBe(0);
    const path = join(folder, 'generated.jsonl');
    writeFileSync(path, text);
    const fast = await readOpenAlexFile(path);
    expect(fast.records).toHaveLength(2000);
    expect(fast).toStrictEqual(await readOldWay(path));
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: arbitrary work-like objects, written as JSON in ways JSON.stringify never writes.

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const unicodeEscape = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A JSON string literal, with some characters written as \u escapes (both halves of a pair) or `\/`. */
function stringText(value: string, random: () => number): string {
  let out = '"';
  for (let k = 0; k < value.length; k++) {
    const char = value[k]!;
    const unit = value.charCodeAt(k);
    const pair = unit >= 0xd800 && unit <= 0xdbff && /[\udc00-\udfff]/.test(value[k + 1] ?? '');
    const lone = !pair && unit >= 0xd800 && unit <= 0xdfff;
    if (pair) {
      out +=
        random() < 0.3 ? unicodeEscape(unit) + unicodeEscape(value.charCodeAt(k + 1)) : char + value[k + 1];
      k++;
    } else if (lone || unit < 0x20 || char === '"' || char === '\\') {
      out += SHORT_ESCAPES[char] !== undefined && random() < 0.7 ? SHORT_ESCAPES[char] : unicodeEscape(unit);
    } else if (char === '/' && random() < 0.5) {
      out += '\\/';
    } else {
      out += random() < 0.05 ? unicodeEscape(unit) : char;
    }
  }
  return `${out}"`;
}

/** A JSON number, for integers in one of several spellings with the same value (1e3, 2.0, -0 …). */
function numberText(value: number, random: () => number): string {
  if (!Number.isFinite(value)) return 'null';
  if (!Number.isInteger(value) || Math.abs(value) > 1e15) return JSON.stringify(value);
  const spellings = [String(value), `${value}.0`, `${value}e0`, `${value}E+0`, `${value * 10}e-1`];
  if (value === 0) spellings.push('-0', '0.000', '-0e5');
  return spellings[Math.floor(random() * spellings.length)]!;
}

const WHITE_SPACE = [' ', '\t', '\r', '  \t'];

/**
 * JSON text for a value with random but valid variations: white space between tokens, escapes,
 * number spellings, shuffled keys and occasional duplicate keys (JSON.parse keeps the last).
 */
function serialise(value: unknown, random: () => number, decoys = 0.03): string {
  const space = (): string => (random() < 0.1 ? WHITE_SPACE[Math.floor(random() * WHITE_SPACE.length)]! : '');
  if (value === null || value === undefined || typeof value === 'boolean') return String(value ?? null);
  if (typeof value === 'number') return numberText(value, random);
  if (typeof value === 'string') return stringText(value, random);
  if (Array.isArray(value)) {
    return `[${space()}${value.map((item) => `${space()}${serialise(item, random, decoys)}${space()}`).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (random() < 0.3) entries.sort(() => random() - 0.5);
  const members: string[] = [];
  for (const [key, item] of entries) {
    const decoy = random() < decoys;
    if (decoy)
      members.push(`${stringText(key, random)}:${serialise(random() < 0.5 ? null : [1, 'x'], random)}`);
    members.push(
      `${space()}${stringText(key, random)}${space()}:${space()}${serialise(item, random, decoys)}${space()}`,
    );
  }
  return `{${space()}${members.join(',')}}`;
}

const junk = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary, weight: 8 },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
const someText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '  padded  ',
    '\u00a0',
    'Ünïcödé Ωμέγα',
    'emoji 😀',
    'a\u2028b',
    'tab\there',
    '"quoted"',
  ),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const name = fc.oneof(
  fc.constantFrom('Jane Doe', 'van der Berg, J.', 'Jörg Müller', 'José Ángel García-López', 'X', '  '),
  someText,
);
const openAlexUrl = fc
  .tuple(fc.constantFrom('W', 'A', 'I', 'w', 's', 'x', '', ' W'), fc.nat(), fc.constantFrom('', ' ', '/'))
  .map(([letter, number, tail]) => `https://openalex.org/${letter}${number}${tail}`);
const reference = fc.oneof(
  { arbitrary: openAlexUrl, weight: 6 },
  {
    arbitrary: fc.constantFrom('W0123', 'W00', 'W9999999999999999999', 'T12', 'W1 ', ' W2', '12'),
    weight: 1,
  },
  { arbitrary: someText, weight: 1 },
  { arbitrary: junk, weight: 1 },
);
const position = fc.oneof(
  { arbitrary: fc.nat(40), weight: 10 },
  {
    arbitrary: fc.constantFrom(-1, 1.5, 0.5, 19_999, 20_000, 1e21, 2 ** 31, Number.MAX_SAFE_INTEGER),
    weight: 1,
  },
  { arbitrary: junk, weight: 1 },
);
const word = fc.oneof(
  fc.constantFrom(
    'the',
    'model',
    'a',
    '0',
    '12',
    '007',
    '4294967294',
    '4294967295',
    '',
    'a b',
    'Montréal',
    '\u00a0',
  ),
  someText,
);
const invertedIndex = fc.dictionary(
  word,
  fc.oneof({ arbitrary: fc.array(position, { maxLength: 3 }), weight: 8 }, { arbitrary: junk, weight: 1 }),
  { maxKeys: 25 },
);
const titled = fc.record({ display_name: maybe(someText) }, { requiredKeys: [] });
const authorship = fc.record(
  {
    author_position: maybe(fc.constantFrom('first', 'middle', 'last', 'other')),
    author: maybe(
      fc.record(
        {
          id: maybe(openAlexUrl),
          display_name: maybe(name),
          orcid: maybe(fc.constantFrom('https://orcid.org/0000-0002-1825-0097', '0000-0001-5109-371x', 'x')),
        },
        { requiredKeys: [] },
      ),
    ),
    raw_author_name: maybe(name),
    institutions: maybe(fc.array(maybe(titled), { maxLength: 3 })),
    raw_affiliation_strings: maybe(fc.array(maybe(someText), { maxLength: 3 })),
    countries: junk,
  },
  { requiredKeys: [] },
);
const work = fc
  .tuple(
    fc.record(
      {
        id: maybe(fc.oneof(openAlexUrl, someText)),
        doi: maybe(fc.constantFrom('https://doi.org/10.48550/arXiv.2101.00001', '10.1000/ABC', 'nope')),
        title: maybe(someText),
        display_name: maybe(someText),
        publication_year: maybe(fc.oneof(fc.integer({ min: 1900, max: 2030 }), fc.constant(2017.5))),
        publication_date: maybe(fc.constantFrom('2017-09-12', '2017-13-40', '2017', 'soon')),
        type: maybe(someText),
        abstract: maybe(someText),
        cited_by_count: maybe(fc.oneof(fc.nat(), fc.constantFrom(-1, 2.5, 1e300, '12'))),
        ids: maybe(
          fc.record(
            {
              openalex: maybe(openAlexUrl),
              doi: maybe(fc.constant('https://doi.org/10.1/x')),
              pmid: maybe(fc.oneof(fc.constant('https://pubmed.ncbi.nlm.nih.gov/29456894'), fc.nat())),
              arxiv: maybe(fc.constantFrom('arXiv:2101.00001v2', 'cond-mat/0412498')),
            },
            { requiredKeys: [] },
          ),
        ),
        locations: maybe(
          fc.array(
            maybe(
              fc.record(
                {
                  landing_page_url: maybe(
                    fc.constantFrom('https://arxiv.org/abs/2101.00002', 'https://x.org'),
                  ),
                  pdf_url: maybe(fc.constant('https://arxiv.org/pdf/2101.00003v1')),
                },
                { requiredKeys: [] },
              ),
            ),
            { maxLength: 3 },
          ),
        ),
        primary_location: maybe(fc.record({ source: maybe(titled), is_oa: junk }, { requiredKeys: [] })),
        host_venue: maybe(titled),
        keywords: maybe(fc.array(maybe(fc.oneof(titled, someText)), { maxLength: 4 })),
        topics: maybe(fc.array(maybe(titled), { maxLength: 3 })),
        concepts: maybe(fc.array(maybe(titled), { maxLength: 3 })),
        authorships: maybe(fc.array(maybe(authorship), { maxLength: 5 })),
        referenced_works: maybe(fc.array(reference, { maxLength: 8 })),
        abstract_inverted_index: maybe(invertedIndex),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string(), junk, { maxKeys: 3 }),
  )
  .map(([fields, extra]) => ({ ...extra, ...fields }));

const encode = (text: string): Buffer => Buffer.from(text, 'utf8');

/** More property runs on demand: OPENALEX_SCAN_RUNS=20 multiplies them by 20. */
const RUNS = Math.max(1, Number(process.env.OPENALEX_SCAN_RUNS ?? 1) || 1);

describe('scanOpenAlexWork: abstracts', () => {
  const line = (index: string): Buffer =>
    encode(`{"id":"https://openalex.org/W1","title":"t","abstract_inverted_index":${index}}`);
  const abstractOf = (index: string): string | undefined =>
    scanned(line(index), 'f', 1)?.records[0]?.abstract;

  it('orders words at the same position as Object.entries does: array-index keys first', () => {
    expect(abstractOf('{"b":[1],"12":[1],"a":[0,1],"4294967295":[1],"007":[1]}')).toBe(
      'a 12 b a 4294967295 007',
    );
    expect(abstractOf('{"b":[1],"12":[1],"a":[0,1],"4294967295":[1],"007":[1]}')).toBe(
      expected(line('{"b":[1],"12":[1],"a":[0,1],"4294967295":[1],"007":[1]}'), 'f', 1).records[0]!.abstract,
    );
  });

  it('reads escaped and non-ASCII words, collapses white space, ignores bad positions', () => {
    expect(
      abstractOf(
        String.raw`{"caf\u00e9":[1],"Montréal,":[0],"\"q\"":[2],"a\tb":[3],"":[4],"x":[-1,1.5,2e4,5]}`,
      ),
    ).toBe('Montréal, café "q" a b x');
    expect(abstractOf('{"x":[1e1,-0,2.0]}')).toBe('x x x');
    expect(abstractOf('{"x":[-1]}')).toBeUndefined();
  });

  it('falls back on duplicate words, which JSON.parse resolves to the last', () => {
    expect(scanned(line('{"a":[0],"b":[1],"a":[2]}'), 'f', 1)).toBeUndefined();
    expect(scanned(line(String.raw`{"\u0061":[0],"a":[2]}`), 'f', 1)).toBeUndefined();
  });
});

describe('scanOpenAlexWork: real works written differently', () => {
  it('reads the fixture works with escapes, white space, shuffled keys and other number spellings', () => {
    const works = [
      ...readFileSync('test/fixtures/openalex/works-openalexpro-jq-transformed.jsonl', 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
      JSON.parse(readFileSync('test/fixtures/openalex/work-W2741809807.json', 'utf8')) as unknown,
    ];
    let fallbacks = 0;
    for (let seed = 1; seed <= 100; seed++) {
      for (const work of works) {
        const bytes = encode(serialise(work, prng(seed), 0));
        const fast = scanned(bytes, 'f', seed);
        if (fast === undefined) fallbacks++;
        else expect(fast).toStrictEqual(expected(bytes, 'f', seed));
      }
    }
    expect(fallbacks).toBe(0);
  });
});

describe('scanOpenAlexWork: bytes that are not UTF-8', () => {
  it('decodes invalid UTF-8 in read strings with the same replacement characters as the line reader', () => {
    const bad = [
      [0x80],
      [0xe2, 0x82],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf5, 0x80],
      [0xf0, 0x9f, 0x98],
      [0xff],
    ];
    for (const sequence of bad) {
      const bytes = Buffer.concat([
        encode('{"id":"https://openalex.org/W1","title":"a'),
        Buffer.from(sequence),
        encode('b","authorships":[{"author":{"display_name":"X'),
        Buffer.from(sequence),
        encode('"}}],"abstract_inverted_index":{"w'),
        Buffer.from(sequence),
        encode('":[0]},"referenced_works":["https://openalex.org/W2'),
        Buffer.from(sequence),
        encode('"]}'),
      ]);
      const fast = scanned(bytes, 'f', 1);
      if (fast !== undefined) expect(fast).toStrictEqual(expected(bytes, 'f', 1));
      // Only the abstract word (duplicates could hide behind U+FFFD) may send the line back.
      const withoutWord = Buffer.from(
        bytes.toString('latin1').replace(/"w[^"]*":\[0\]/, '"w":[0]'),
        'latin1',
      );
      expect(scanned(withoutWord, 'f', 1), sequence.join(' ')).toStrictEqual(expected(withoutWord, 'f', 1));
    }
  });
});

describe('scanOpenAlexWork against JSON.parse (properties)', () => {
  it('gives the JSON.parse result for arbitrary work-like objects, or falls back', () => {
    let runs = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(work, fc.integer(), (value, seed) => {
        const bytes = encode(serialise(value, prng(seed)));
        const fast = scanned(bytes, 'w.jsonl', 5);
        runs++;
        if (fast === undefined) fallbacks++;
        else expect(fast).toStrictEqual(expected(bytes, 'w.jsonl', 5));
      }),
      { numRuns: 1500 * RUNS },
    );
    // Fallback is for rare shapes (duplicate abstract words, lone surrogates), not the common case.
    expect(fallbacks).toBeLessThan(runs * 0.2);
  });

  it('never throws on damaged lines and then agrees with JSON.parse or falls back', () => {
    const damaged = fc
      .tuple(
        work,
        fc.integer(),
        fc.array(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('cut', 'set', 'insert')),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
      )
      .map(([value, seed, edits]) => {
        let bytes = encode(serialise(value, prng(seed)));
        for (const [at, byte, edit] of edits) {
          const index = at % (bytes.length + 1);
          if (edit === 'cut') bytes = bytes.subarray(0, index);
          else if (edit === 'set' && index < bytes.length) bytes[index] = byte;
          else bytes = Buffer.concat([bytes.subarray(0, index), Buffer.from([byte]), bytes.subarray(index)]);
        }
        return bytes;
      });
    const line = fc.oneof(
      { arbitrary: damaged, weight: 6 },
      { arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)), weight: 2 },
      {
        arbitrary: fc
          .constantFrom(
            '',
            ' ',
            '\t \r',
            '\ufeff{}',
            '\u00a0',
            '{}',
            '[]',
            '"x"',
            '1',
            'null',
            '{"a":1}{',
            '{"a" 1}',
          )
          .map(encode),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(line, (bytes) => {
        const fast = scanned(bytes, 'bad.jsonl', 9);
        if (fast !== undefined) expect(fast).toStrictEqual(expected(bytes, 'bad.jsonl', 9));
      }),
      { numRuns: 1500 * RUNS },
    );
  });

  it('streams files of arbitrary lines exactly as the string-line reader with JSON.parse did', async () => {
    const lineBytes = fc.oneof(
      work.map((value) => encode(JSON.stringify(value))),
      fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom('', ' ', '{"id":"https://openalex.org/W1"', '\r').map(encode),
    );
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(lineBytes, fc.constantFrom('\n', '\r\n')), { maxLength: 12 }),
        fc.boolean(),
        async (lines, gzip) => {
          const text = Buffer.concat(lines.flatMap(([bytes, eol]) => [bytes, encode(eol)]));
          const path = join(folder, `lines-${file++}.jsonl`);
          writeFileSync(path, gzip ? gzipSync(text) : text);
          // The streamed reader also names lines that are not UTF-8, once per file; the rest is the same.
          const streamed = await readOpenAlexFile(path);
          const invalid = streamed.diagnostics.filter((d) => d.code === 'invalid-utf8');
          expect(invalid).toHaveLength(isUtf8(text) ? 0 : 1);
          expect({
            ...streamed,
            diagnostics: streamed.diagnostics.filter((d) => d.code !== 'invalid-utf8'),
          }).toStrictEqual(await readOldWay(path));
        },
      ),
      { numRuns: 60 * RUNS },
    );
  });
});

describe('streamOpenAlexFile: shared references', () => {
  it('gives one reference object per distinct cited work, and ids that only look alike stay apart', async () => {
    const cited = CITED_ID_SHAPES;
    const lines = [0, 1, 2].map((n) =>
      JSON.stringify({
        id: `https://openalex.org/W9${n}`,
        display_name: `Work ${n}`,
        authorships: [],
        referenced_works: cited.map((id) => `https://openalex.org/${id}`),
      }),
    );
    const path = join(folder, 'shared-references.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { records } = await readOpenAlexFile(path);
    expect(records).toStrictEqual((await readOldWay(path)).records);
    const [first, second] = records.map((record) => record.references!);
    expect(first!.map((reference) => reference.openalex)).toEqual([
      'W12',
      'W12',
      'W12',
      'W012',
      'A12',
      'W0',
      'W00',
      'W123456789012345',
      'W4000000001',
    ]);
    // Interned: the same object for the same id, across works and spellings.
    expect(second![0]).toBe(first![0]);
    expect(first![1]).toBe(first![0]);
    expect(second![8]).toBe(first![8]);
    expect(first![3]).not.toBe(first![0]);
    expect(first![4]).not.toBe(first![0]);
  });
});

describe('streamOpenAlexFile: reference lists known to be distinct', () => {
  it('marks a work whose references are all distinct, and the merge still lists each cited work once', async () => {
    const works = [
      ['W1', ['W7', 'W8', 'W9']],
      ['W2', ['W7', 'W8', 'W7', 'w8']],
      ['W3', ['W7', 'W07', 'W9']],
    ].map(([id, references]) =>
      JSON.stringify({
        id: `https://openalex.org/${id}`,
        display_name: `Paper ${id}`,
        authorships: [],
        referenced_works: (references as string[]).map((ref) => `https://openalex.org/${ref}`),
      }),
    );
    const path = join(folder, 'distinct-references.jsonl');
    writeFileSync(path, `${works.join('\n')}\n`);
    const { records } = await readOpenAlexFile(path);
    expect(records.map((record) => hasDistinctReferences(record.references!))).toEqual([true, false, false]);
    const corpus = buildCorpus([
      {
        summary: { file: path, format: 'openalex', records: 3, diagnostics: 0, bytes: 0 },
        records,
        diagnostics: [],
      },
    ]);
    expect(corpus.papers.map((paper) => paper.references!.map((ref) => ref.openalex))).toEqual([
      ['W7', 'W8', 'W9'],
      ['W7', 'W8'],
      ['W7', 'W07', 'W9'],
    ]);
  });
});

describe('readLineBlocks', () => {
  it('yields the lines of readLines at any chunk size, across CRLF and UTF-8 splits', async () => {
    const text = '{"a":"é😀"}\r\n\r\n  \n\rx\r\n{"b":1}\n\n€€€\r\nlast line without break\r';
    const path = join(folder, 'blocks.txt');
    writeFileSync(path, text);
    const reference: string[] = [];
    for await (const line of readLines(path, undefined, { bytes: 0 })) reference.push(line);
    for (const chunkBytes of [1, 2, 3, 5, 16, 1 << 16]) {
      const lines: string[] = [];
      for await (const block of readLineBlocks(path, undefined, { bytes: 0 }, chunkBytes)) {
        block.starts.forEach((start, index) => {
          lines.push(block.bytes.toString('utf8', start, block.ends[index]));
        });
      }
      expect(lines, `chunks of ${chunkBytes}`).toEqual(reference);
    }
  });
});
