import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  NEO4J_NODE_FILES,
  NEO4J_RELATIONSHIP_FILES,
  neo4jImportCommand,
  writeNeo4jImport,
} from '../../src/export/neo4j-import.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';

async function importFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await writeNeo4jImport(sampleAnalysedGraph(), (name) => (chunk) => {
    files.set(name, (files.get(name) ?? '') + chunk);
  });
  return files;
}

const rows = (text: string) => {
  const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe('neo4j-admin import files', () => {
  it('writes node files with ID spaces and typed headers', async () => {
    const files = await importFiles();
    const [authorHeader, ...authors] = rows(files.get('authors.csv') ?? '');
    expect(authorHeader?.[0]).toBe('authorId:ID(Author)');
    expect(authorHeader).toContain('paperCount:long');
    expect(authorHeader).toContain('community:long');
    expect(authorHeader).not.toContain('kind');
    expect(authors.map((row) => row[0])).toEqual([
      'ada-lovelace',
      'charles-babbage',
      'grace-ohopper',
      'alan-turing',
    ]);
    const [paperHeader, ...papers] = rows(files.get('papers.csv') ?? '');
    expect(paperHeader?.[0]).toBe('paperId:ID(Paper)');
    expect(paperHeader).toEqual(
      expect.arrayContaining(['year:long', 'pagerank:double', 'sources:string[]', 'title']),
    );
    expect(papers).toHaveLength(3);
    expect(rows(files.get('references.csv') ?? '')[0]?.[0]).toBe('referenceId:ID(Reference)');
  });

  it('writes relationship files whose ends exist in the node files', async () => {
    const files = await importFiles();
    const ids = new Map<string, Set<string>>();
    for (const spec of NEO4J_NODE_FILES) {
      ids.set(
        spec.label,
        new Set(
          rows(files.get(spec.file) ?? '')
            .slice(1)
            .map((row) => row[0] ?? ''),
        ),
      );
    }
    const expected: Record<string, number> = { AUTHORED: 6, COAUTHOR: 3, CITES: 1, MENTIONS: 1, SIMILAR: 1 };
    for (const spec of NEO4J_RELATIONSHIP_FILES) {
      const [header, ...body] = rows(files.get(spec.file) ?? '');
      expect(header?.slice(0, 3)).toEqual([`:START_ID(${spec.start})`, `:END_ID(${spec.end})`, ':TYPE']);
      expect(body).toHaveLength(expected[spec.type] ?? -1);
      for (const [start, end, type] of body) {
        expect(ids.get(spec.start)?.has(start ?? '')).toBe(true);
        expect(ids.get(spec.end)?.has(end ?? '')).toBe(true);
        expect(type).toBe(spec.type);
      }
    }
    const [coauthorHeader, first] = rows(files.get('coauthor.csv') ?? '');
    const column = (name: string) => first?.[coauthorHeader?.indexOf(name) ?? -1];
    expect(column('weight:double')).toBe('2');
    expect(column('papers:string[]')).toBe('p1;p2');
    const mentions = rows(files.get('mentions.csv') ?? '');
    expect(mentions[1]?.[mentions[0]?.indexOf('context') ?? -1]).toBe('We follow (Wu et al., 2018).');
  });

  it('writes import.sh and a README with the exact neo4j-admin command', async () => {
    const files = await importFiles();
    const command = neo4jImportCommand('.');
    expect(command).toMatch(/^neo4j-admin database import full neo4j \\/);
    for (const spec of NEO4J_NODE_FILES) expect(command).toContain(`--nodes=${spec.label}="./${spec.file}"`);
    for (const spec of NEO4J_RELATIONSHIP_FILES)
      expect(command).toContain(`--relationships=${spec.type}="./${spec.file}"`);
    // The script takes the database name as $1, default neo4j.
    expect(files.get('import.sh')).toContain(['neo4j-admin database import full "$', '{1:-neo4j}"'].join(''));
    expect(files.get('README.md')).toContain(command);
  });
});
