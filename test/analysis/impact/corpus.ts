/** Small corpora written out by hand for the impact tests. */
import { buildCorpus } from '../../../src/ingest/ingest.ts';
import { authorFromDisplayName } from '../../../src/model/names.ts';
import type { Corpus, PaperRecord } from '../../../src/model/types.ts';

export interface HandPaper {
  title: string;
  authors: string[];
  year?: number;
  doi: string;
  /** DOIs of the papers or works it cites. */
  cites?: string[];
  globalCitations?: number;
  venue?: string;
  keywords?: string[];
}

/** The corpus of these papers, with each paper's global citations as given (whatever the merge keeps). */
export function handCorpus(papers: HandPaper[]): Corpus {
  const records: PaperRecord[] = papers.map((paper, line) => {
    const record: PaperRecord = {
      title: paper.title,
      authors: paper.authors.map((name) => authorFromDisplayName(name)!),
      ids: { doi: paper.doi },
      references: (paper.cites ?? []).map((doi) => ({ doi })),
      provenance: { file: 'hand', line: line + 1, format: 'wos' },
    };
    if (paper.year !== undefined) record.date = { year: paper.year, raw: String(paper.year) };
    if (paper.globalCitations !== undefined) record.globalCitations = paper.globalCitations;
    if (paper.venue) record.venue = paper.venue;
    if (paper.keywords) record.keywords = paper.keywords;
    return record;
  });
  const corpus = buildCorpus([
    {
      summary: { file: 'hand', format: 'wos', records: records.length, diagnostics: 0, bytes: 0 },
      records,
      diagnostics: [],
    },
  ]);
  for (const paper of corpus.papers) {
    const given = papers.find((hand) => hand.title === paper.title)?.globalCitations;
    if (given === undefined) delete paper.globalCitations;
    else paper.globalCitations = given;
  }
  return corpus;
}
