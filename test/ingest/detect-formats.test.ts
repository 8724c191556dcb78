import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/ingest/detect.ts';
import { decodeFileBytes } from '../../src/ingest/read-node.ts';
import type { SourceFormat } from '../../src/model/types.ts';

/** Each fixture folder and the format its files are in. */
const FOLDERS: Record<string, SourceFormat> = {
  arxiv: 'arxiv-atom',
  bibtex: 'bibtex',
  'csl-json': 'csl-json',
  openalex: 'openalex',
  ris: 'ris',
  scopus: 'scopus',
  'semantic-scholar': 'semantic-scholar',
  wos: 'wos',
  pubmed: 'pubmed',
  lens: 'lens',
  crossref: 'crossref',
  'openalex-csv': 'openalex-csv',
  dimensions: 'dimensions',
};

const cases = Object.entries(FOLDERS).flatMap(([folder, format]) =>
  readdirSync(join('test/fixtures', folder), { recursive: true, encoding: 'utf8' })
    .map((name) => join('test/fixtures', folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, format] as const),
);

describe('format detection by content over every fixture', () => {
  it('covers every fixture folder with a file', () => {
    expect(new Set(cases.map(([, format]) => format)).size).toBe(Object.keys(FOLDERS).length);
  });

  it.each(cases)('%s is %s', (path, format) => {
    // Read as the command line reads a file: gunzipped, and decoded by its byte order mark.
    const text = decodeFileBytes(readFileSync(path), path).text;
    expect(detectFormat(text)?.parser.format).toBe(format);
  });
});
