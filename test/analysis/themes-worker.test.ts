/**
 * The themes on a worker thread (themes-worker-node.ts) against the themes on this thread, and the
 * overlapped analysis (themes started at the end of the merge) against analyzeCorpus.
 */
import { describe, expect, it } from 'vitest';
import { analyzeOptions } from '../../src/analysis/options.ts';
import { analyzeCorpus, analyzeCorpusOverlapped, themesSettings } from '../../src/analysis/pipeline.ts';
import { analyzeThemes, type CompactThemes, themeText } from '../../src/analysis/themes.ts';
import { EarlyThemes, startThemes, type ThemesJob } from '../../src/analysis/themes-worker-node.ts';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { loadCorpus } from '../../src/ingest/read-node.ts';
import type { Paper } from '../../src/model/types.ts';

function generatedText(papers: number, seed: number): string {
  let text = '';
  writeCorpus(generateCorpus({ papers, seed }), 'openalex-jsonl', (chunk) => {
    text += chunk;
  });
  return text;
}

const text = generatedText(3000, 9);
const options = analyzeOptions({ layout: {}, seed: 3 });

/** The corpus, with the themes started on a worker when the papers were merged. */
function ingestStartingThemes(chunk?: number): {
  corpus: ReturnType<typeof ingestTexts>;
  job: ThemesJob;
  merged: readonly Paper[];
} {
  let job: ThemesJob | undefined;
  let merged: readonly Paper[] = [];
  const corpus = ingestTexts([{ name: 'g.jsonl', text }], {
    onPapersMerged: (papers) => {
      merged = papers;
      job = startThemes(papers, themesSettings(options), chunk === undefined ? {} : { chunk });
    },
  });
  return { corpus, job: job!, merged };
}

/** Everything in the themes, as plain values. */
function plain(themes: CompactThemes) {
  return {
    nodeCount: themes.similarity.nodeCount,
    offsets: Array.from(themes.similarity.offsets),
    targets: Array.from(themes.similarity.targets),
    weights: Array.from(themes.similarity.weights),
    membership: Array.from(themes.partition.membership),
    count: themes.partition.count,
    modularity: themes.partition.modularity,
    levels: themes.partition.levels,
    terms: [...themes.terms],
    strength: Array.from(themes.strength),
    bridging: Array.from(themes.bridging),
  };
}

describe('the merged-papers hook', () => {
  it('is called once, with the papers of the corpus, when files are ingested', async () => {
    const calls: (readonly Paper[])[] = [];
    const corpus = await loadCorpus(['data/pages'], { onPapersMerged: (papers) => calls.push(papers) });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBe(corpus.papers);
    expect(corpus.papers.length).toBeGreaterThan(100);
  });
});

describe('themes on a worker', () => {
  it('are the themes this thread computes, for any chunking of the texts', async () => {
    const { corpus, job, merged } = ingestStartingThemes(1000);
    expect(merged).toBe(corpus.papers);
    const papers = corpus.papers;
    const here = analyzeThemes(
      (index) => themeText(papers[index]!.title, papers[index]!.abstract),
      papers.length,
      themesSettings(options),
    );
    expect(here.partition.count).toBeGreaterThan(5);
    expect(here.similarity.offsets[papers.length]).toBeGreaterThan(5000);
    const expected = plain(here);
    expect(plain(await job.result)).toEqual(expected);
    const unchunked = startThemes(papers, themesSettings(options), { chunk: papers.length + 1 });
    expect(plain(await unchunked.result)).toEqual(expected);
  }, 60_000);

  it('tells when the texts have been read, reads none after that, and asks for four collections', () => {
    const papers = ingestTexts([{ name: 'g.jsonl', text }]).papers;
    let readAfter = 0;
    let told = 0;
    const calls: string[] = [];
    const themes = analyzeThemes(
      (index) => {
        if (told > 0) readAfter++;
        return themeText(papers[index]!.title, papers[index]!.abstract);
      },
      papers.length,
      themesSettings(options),
      {
        textsRead: () => {
          told++;
          calls.push('textsRead');
        },
        collect: () => calls.push('collect'),
      },
    );
    expect(told).toBe(1);
    expect(readAfter).toBe(0);
    // The texts are let go before the first collection; the second follows the term counts, the
    // third the model, the fourth the theme terms (the last use of the model).
    expect(calls).toEqual(['textsRead', 'collect', 'collect', 'collect', 'collect']);
    expect(themes).toEqual(
      analyzeThemes(
        (index) => themeText(papers[index]!.title, papers[index]!.abstract),
        papers.length,
        themesSettings(options),
      ),
    );
    expect(themes.partition.count).toBeGreaterThan(5);
  }, 60_000);

  it('handles an empty corpus', async () => {
    const themes = await startThemes([], themesSettings(options)).result;
    expect(themes.similarity.nodeCount).toBe(0);
    expect(themes.partition.count).toBe(0);
  }, 30_000);

  it('rejects, never hangs, when the worker throws, exits early or runs out of memory', async () => {
    const papers = ingestTexts([{ name: 'g.jsonl', text }]).papers.slice(0, 50);
    const settings = themesSettings(options);
    const script = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);
    await expect(
      startThemes(papers, settings, { workerUrl: script('throw new Error("boom")') }).result,
    ).rejects.toThrow(/themes worker failed: boom/);
    await expect(
      startThemes(papers, settings, { workerUrl: script('process.exit(3)') }).result,
    ).rejects.toThrow(/themes worker exited \(code 3\) before posting the themes/);
    await expect(startThemes(papers, settings, { workerUrl: script('') }).result).rejects.toThrow(
      /exited \(code 0\)/,
    );
    const hog = script('const kept = []; for (;;) kept.push(new Array(1e5).fill({}));');
    await expect(startThemes(papers, settings, { workerUrl: hog, heapMb: 16 }).result).rejects.toThrow(
      /themes worker failed: .*memory/i,
    );
  }, 60_000);

  it('can be stopped; the result then rejects', async () => {
    const { job } = ingestStartingThemes();
    job.stop();
    await expect(job.result).rejects.toThrow(/themes worker exited/);
  }, 30_000);
});

describe('themes started from the parsed records (EarlyThemes)', () => {
  const inThread = (papers: readonly Paper[]) =>
    plain(
      analyzeThemes(
        (index) => themeText(papers[index]!.title, papers[index]!.abstract),
        papers.length,
        themesSettings(options),
      ),
    );

  it('keeps the worker started before the merge when the merge leaves every record its paper', async () => {
    const themes = new EarlyThemes(themesSettings(options), () => true);
    let recordCount = 0;
    const corpus = ingestTexts([{ name: 'g.jsonl', text }], {
      onRecordsParsed: (records) => {
        recordCount = records.length;
        themes.onRecordsParsed(records);
        // Until the merge has confirmed them, the themes of the records are not given out.
        expect(themes.result).toBeUndefined();
      },
      onPapersMerged: themes.onPapersMerged,
    });
    expect(recordCount).toBe(corpus.papers.length);
    expect(themes.startedFrom).toBe('records');
    expect(plain(await themes.result!)).toEqual(inThread(corpus.papers));
  }, 60_000);

  it('starts again from the merged papers when the merge joined records', async () => {
    const themes = new EarlyThemes(themesSettings(options), () => true);
    const halves = text.split('\n');
    // Every work twice, in two files: the merge joins each pair into one paper.
    const corpus = ingestTexts(
      [
        { name: 'a.jsonl', text },
        { name: 'b.jsonl', text: halves.reverse().join('\n') },
      ],
      { onRecordsParsed: themes.onRecordsParsed, onPapersMerged: themes.onPapersMerged },
    );
    expect(corpus.merges.length).toBeGreaterThan(1000);
    expect(themes.startedFrom).toBe('papers');
    expect(plain(await themes.result!)).toEqual(inThread(corpus.papers));
  }, 60_000);

  it('starts no worker when not wanted, at either hook', () => {
    const themes = new EarlyThemes(themesSettings(options), (count) => count > 10_000);
    ingestTexts([{ name: 'g.jsonl', text }], {
      onRecordsParsed: themes.onRecordsParsed,
      onPapersMerged: themes.onPapersMerged,
    });
    expect(themes.startedFrom).toBeUndefined();
    expect(themes.result).toBeUndefined();
  });
});

describe('the overlapped analysis', () => {
  it('gives the report and progress steps of analyzeCorpus', async () => {
    const { corpus, job } = ingestStartingThemes();
    const steps: string[] = [];
    const overlapped = await analyzeCorpusOverlapped(
      corpus,
      { ...options, onProgress: (step) => steps.push(step) },
      job.result,
    );
    const expectedSteps: string[] = [];
    const expected = analyzeCorpus(corpus, { ...options, onProgress: (step) => expectedSteps.push(step) });
    expect(expected.report.themes.communities.length).toBeGreaterThan(5);
    expect(JSON.stringify(overlapped.report)).toBe(JSON.stringify(expected.report));
    expect(overlapped.themeLabels).toEqual(expected.themeLabels);
    expect(Array.from(overlapped.layout!.x)).toEqual(Array.from(expected.layout!.x));
    expect(steps).toEqual(expectedSteps);
  }, 60_000);

  it('computes the themes itself without a worker, and skips them when turned off', async () => {
    const corpus = ingestTexts([{ name: 'g.jsonl', text }]);
    const expected = analyzeCorpus(corpus, options);
    const here = await analyzeCorpusOverlapped(corpus, options, undefined);
    expect(JSON.stringify(here.report)).toBe(JSON.stringify(expected.report));
    const off = { ...options, themes: { ...options.themes, enabled: false } };
    const withoutThemes = await analyzeCorpusOverlapped(corpus, off, undefined);
    expect(JSON.stringify(withoutThemes.report)).toBe(JSON.stringify(analyzeCorpus(corpus, off).report));
  }, 60_000);

  it('refuses themes computed for other papers', async () => {
    const corpus = ingestTexts([{ name: 'g.jsonl', text }]);
    const other = startThemes(corpus.papers.slice(1), themesSettings(options)).result;
    await expect(analyzeCorpusOverlapped(corpus, options, other)).rejects.toThrow(/computed for 2999 papers/);
  }, 60_000);
});
