/** Writing the synthetic corpus in each format (src/generate), to a scratch file. */
import { join } from 'node:path';
import { generateCorpus } from '../../../src/generate/corpus.ts';
import { GENERATE_FORMATS } from '../../../src/generate/write.ts';
import { writeCorpusFile } from '../../../src/generate/write-file-node.ts';
import { defineSteps } from '../registry.ts';

defineSteps(
  ...GENERATE_FORMATS.map((format) => ({
    name: `generate: ${format}`,
    group: 'generate',
    unit: 'papers',
    async run({ papers, seed, scratchDir }: { papers: number; seed: number; scratchDir: string }) {
      const corpus = generateCorpus({ papers, seed });
      const written = await writeCorpusFile(corpus, format, join(scratchDir, `corpus.${format}`));
      return { items: written.papers, bytes: written.bytes };
    },
  })),
);
