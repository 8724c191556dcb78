import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/pipeline.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { parseThesaurus } from '../../src/ingest/thesaurus.ts';
import { PAGES, readPage } from '../helpers/paths.ts';

const pages = [PAGES.author, PAGES.topic].map((name) => ({ name, text: readPage(name) }));

describe('thesaurus (VOSviewer layout)', () => {
  it('reads rules, skips the header and reports a malformed line with its number', () => {
    const { rules, diagnostics } = parseThesaurus(
      'label\treplace by\nWu, L.\tLei Wu\n\nno tab here\n',
      't.txt',
    );
    expect(rules).toEqual([{ key: 'wu l', replacement: 'Lei Wu', line: 2 }]);
    expect(diagnostics).toMatchObject([{ file: 't.txt', line: 4, severity: 'error' }]);
  });

  it('splits a homonym by title and merges two spellings into one person', () => {
    const { rules } = parseThesaurus(
      'label\treplace by\nLei Wu\tLei Wu (robotics)\t9DTact\nHo Hin Lee\tLei Wu\nDevvrit\t\n',
      'rules.txt',
    );
    const corpus = ingestTexts(pages, { thesaurus: rules });
    const names = corpus.authors.map((author) => author.name);
    expect(names).toContain('Lei Wu (robotics)');
    expect(names).not.toContain('Ho Hin Lee');
    expect(names).not.toContain('Devvrit');
    const leiWu = corpus.authors.find((author) => author.name === 'Lei Wu')!;
    // 9 of Lei Wu's own papers plus the one where Ho Hin Lee was renamed.
    expect(leiWu.papers).toHaveLength(10);
    const pruning = corpus.papers.find((paper) => paper.title.startsWith('Greedy Pruning'))!;
    expect(pruning.authors.map((author) => author.name)).toEqual([
      'Nived Rajaraman',
      'Aryan Mokhtari',
      'Kannan Ramchandran',
    ]);
  });
});

describe('homonym candidates', () => {
  it('lists Lei Wu, whose robotics and challenge papers share no co-author or theme with the rest', () => {
    const corpus = ingestTexts(pages);
    const { report } = analyze(corpus, {
      layout: false,
      stabilitySeeds: 0,
      build: { maxAuthorsPerPaper: 100, coauthorWeight: 'count', mineAbstracts: true },
    });
    const leiWu = report.homonyms.find((candidate) => candidate.name === 'Lei Wu');
    expect(leiWu).toBeDefined();
    expect(leiWu!.groups.length).toBeGreaterThanOrEqual(2);
    const robotics = leiWu!.groups.find((group) => group.papers.some((title) => title.startsWith('9DTact')));
    expect(robotics!.coauthors).toContain('author:huazhe-xu');
    // Authors with one paper are never candidates.
    expect(report.homonyms.every((candidate) => candidate.groups.length >= 2)).toBe(true);
  });
});
