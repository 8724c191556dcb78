import type { SyntheticCorpus, SyntheticPaper } from '../corpus.ts';
import { type CorpusFormatWriter, MONTH_ABBREVIATIONS } from './writer.ts';

/**
 * The author-page listing exactly as data/pages/author-lei-wu.txt lays it out:
 * page chrome, then per paper: title, blank, 'Nov 26, 2023', 'First Last, First Last', blank,
 * abstract, blank, optional '* 41 pages\u00a0', 'Viaarxiv icon', blank.
 * Papers come newest first, as on the real page.
 */
export const authorPageWriter: CorpusFormatWriter = {
  format: 'listing',
  extension: '.txt',
  description: 'author-page listing (data/pages/author-*.txt layout)',
  order: 'newest-first',
  header(corpus: SyntheticCorpus): string {
    const owner = corpus.authorName(corpus.mostProductiveAuthor).display;
    return `Alert button\nPicture for ${owner}\n\n${owner}\n\nAlert button\n\n`;
  },
  paper(paper: SyntheticPaper, corpus: SyntheticCorpus): string {
    let byline = '';
    for (let k = 0; k < paper.authors.length; k++) {
      byline += (k === 0 ? '' : ', ') + corpus.authorName(paper.authors[k]!).display;
    }
    const date = `${MONTH_ABBREVIATIONS[paper.month - 1]} ${String(paper.day).padStart(2, '0')}, ${paper.year}`;
    // The real page ends the comment line with a no-break space.
    const note = paper.pages > 0 ? `* ${paper.pages} pages\u00a0\n` : '';
    return `${paper.title}\n\n${date}\n${byline}\n\n${paper.abstract}\n\n${note}Viaarxiv icon\n\n`;
  },
  footer(): string {
    return '';
  },
};
