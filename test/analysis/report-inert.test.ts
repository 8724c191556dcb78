/**
 * report.md keeps what came from the input as text: a BibTeX file full of tags and javascript:
 * links renders no tag and no link.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inert } from '../../src/analysis/markdown-table.ts';
import { runCli } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/paths.ts';

/** The text with every backslash escape taken out: what a Markdown renderer may still act on. */
const unescaped = (text: string): string => text.replace(/\\[\s\S]/g, '');

describe('report.md is inert', () => {
  let dir: string;
  let report: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citegraph-inert-'));
    const run = await runCli([
      'analyze',
      join(repoRoot, 'test/fixtures/bibtex/hostile.bib'),
      '-o',
      dir.concat('/out'),
      '-q',
      '--no-layout',
    ]);
    expect(run.code).toBe(0);
    report = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the hostile names and titles, as text', () => {
    expect(report).toContain('&lt;img src=x onerror=alert\\(2\\)&gt; Smith');
    expect(report).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt; Graphs of co-authors');
    expect(report).toContain('\\[click\\]\\(javascript:alert\\(3\\)\\) Mallory');
  });

  it('has no tag and no link a renderer would make live', () => {
    expect(report).not.toContain('<');
    expect(unescaped(report)).not.toMatch(/\]\s*\(\s*javascript:/i);
    expect(unescaped(report)).not.toMatch(/!\[/);
  });
});

describe('inert', () => {
  it('leaves no tag, link, image, code or table delimiter active, and no line break, in any text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '<',
            '>',
            '&',
            '[',
            ']',
            '(',
            ')',
            '!',
            '`',
            '*',
            '_',
            '|',
            '\\',
            '\n',
            'a',
            ' ',
            ':',
          ),
        }),
        (text) => {
          const out = inert(text);
          expect(out).not.toMatch(/[<>\n\r]/);
          expect(unescaped(out)).not.toMatch(/[[\]()!`*_|~\\]/);
          // Taking the escapes and entities back out gives the text, with line breaks as spaces.
          const back = out
            .replace(/\\([\s\S])/g, '$1')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&');
          expect(back).toBe(text.replace(/\s*[\r\n]+\s*/g, ' '));
        },
      ),
      { seed: 20 },
    );
  });
});
