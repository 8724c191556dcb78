/** Writing the synthetic corpus in each format (src/generate), to a scratch file. */
import { join } from 'node:path';
import { generateCorpus } from '../../../src/generate/corpus.ts';
import { GENERATE_FORMATS } from '../../../src/generate/write.ts';
import { writeCorpusFile } from '../../../src/generate/write-file-node.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';

defineSteps(
  ...GENERATE_FORMATS.map((format) => ({
    name: `generate: ${format}`,
    group: 'generate',
    unit: 'papers',
    // openalex-jsonl takes ~8 s a run at 100k: once there keeps the default bench < 10 min.
    maxRuns: format === 'openalex-jsonl' ? onceAbove10k : undefined,
    async run({ papers, seed, scratchDir }: { papers: number; seed: number; scratchDir: string }) {
      const corpus = generateCorpus({ papers, seed });
      const written = await writeCorpusFile(corpus, format, join(scratchDir, `corpus.${format}`));
      return { items: written.papers, bytes: written.bytes };
    },
  })),
);
