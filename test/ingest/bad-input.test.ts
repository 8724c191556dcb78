import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { formatDiagnostic } from '../../src/ingest/diagnostics.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { PAGES, readPage } from '../helpers/paths.ts';

const topicPage = readPage(PAGES.topic);

describe('bad input in memory', () => {
  const cases: [string, string, string][] = [
    ['empty.txt', '', 'empty-file'],
    ['blank.txt', '\n\n   \n', 'empty-file'],
    ['binary.bin', `\u0000\u0001\u0002PK\u0003\u0004${'\u0000'.repeat(200)}`, 'binary-file'],
    ['prose.txt', 'Dear reader,\nthis is a letter, not a listing.\nRegards\n', 'unknown-format'],
    ['huge-line.txt', 'x'.repeat(10 * 1024 * 1024), 'unknown-format'],
  ];

  it.each(cases)(
    '%s gets one one-line error naming the file, and the other file is still read',
    (name, text, code) => {
      const corpus = ingestTexts([
        { name, text },
        { name: 'topic.txt', text: topicPage },
      ]);
      expect(corpus.papers).toHaveLength(10);
      expect(corpus.diagnostics).toHaveLength(1);
      const [problem] = corpus.diagnostics;
      expect(problem).toMatchObject({ severity: 'error', file: name, code });
      const line = formatDiagnostic(problem!);
      expect(line).not.toContain('\n');
      expect(line.startsWith(`${name}:1: error: `)).toBe(true);
    },
  );

  it('reads a page that starts with a UTF-8 byte order mark like one without', () => {
    const plain = ingestTexts([{ name: 'a.txt', text: topicPage }]);
    const bom = ingestTexts([{ name: 'a.txt', text: `\uFEFF${topicPage}` }]);
    expect(bom.diagnostics).toEqual([]);
    expect(bom.papers).toEqual(plain.papers);
  });

  it('names what it expected when nothing matches', () => {
    const corpus = ingestTexts([{ name: 'prose.txt', text: 'hello world\nnothing here\n' }]);
    expect(corpus.diagnostics[0]!.message).toMatch(/expected one of: .*author page.*Hugging Face/);
  });
});

describe('citegraph ingest on bad files', () => {
  let folder: string;
  let stdout: string[];
  let stderr: string[];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'citegraph-bad-'));
    stdout = [];
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('reports each bad file on stderr, ingests the rest and exits 3', async () => {
    writeFileSync(join(folder, 'a-empty.txt'), '');
    writeFileSync(
      join(folder, 'b-binary.dat'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]),
    );
    writeFileSync(join(folder, 'c-topic.txt'), topicPage);
    const output = join(folder, 'out', 'corpus.json');
    const code = await main([
      'node',
      'citegraph',
      'ingest',
      folder,
      join(folder, 'missing.txt'),
      '-o',
      output,
      '--json',
    ]);
    expect(code).toBe(3);
    const errors = stderr.join('').trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/missing\.txt:0: error: no such file or folder/);
    expect(errors[1]).toMatch(/a-empty\.txt:1: error: file is empty/);
    expect(errors[2]).toMatch(/b-binary\.dat:1: error: file looks binary/);
    const summary = JSON.parse(stdout.join(''));
    expect(summary).toMatchObject({ papers: 10, authors: 43, diagnostics: { errors: 3, warnings: 0 } });
    const { readFileSync } = await import('node:fs');
    const corpus = JSON.parse(readFileSync(output, 'utf8'));
    expect(corpus.papers).toHaveLength(10);
  });

  it('exits 0 and prints a per-file summary when everything reads', async () => {
    const code = await main(['node', 'citegraph', 'ingest', 'data/pages']);
    expect(code).toBe(0);
    expect(stderr.join('')).toBe('');
    const text = stdout.join('');
    expect(text).toMatch(
      /topic-gradient-descent\.txt\s+topic-listing\s+10 records\s+0 skipped\s+0 diagnostics/,
    );
    expect(text).toMatch(/127 papers \(7 merged from several sources\), 142 authors/);
  });

  it('exits 2 on a usage error', async () => {
    const code = await main(['node', 'citegraph', 'ingest']);
    expect(code).toBe(2);
  });
});
