import type { SyntheticCorpus, SyntheticPaper } from '../corpus.ts';
import type { CorpusFormatWriter } from './writer.ts';

/**
 * The topic listing as data/pages/topic-gradient-descent.txt lays it out: the topic name, then per
 * paper three lines: title, 'Last, First, Last, First', abstract. No dates, no blank lines.
 */
export const topicListingWriter: CorpusFormatWriter = {
  format: 'topic-listing',
  extension: '.txt',
  description: 'topic listing (data/pages/topic-*.txt layout)',
  header(corpus: SyntheticCorpus): string {
    return `${corpus.topicName(0)}\n`;
  },
  paper(paper: SyntheticPaper, corpus: SyntheticCorpus): string {
    let byline = '';
    for (let k = 0; k < paper.authors.length; k++) {
      const name = corpus.authorName(paper.authors[k]!);
      byline += `${k === 0 ? '' : ', '}${name.family}, ${name.given}`;
    }
    return `${paper.title}\n${byline}\n${paper.abstract}\n`;
  },
  footer(): string {
    return '';
  },
};
