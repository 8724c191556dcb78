import type { SyntheticCorpus, SyntheticPaper } from '../corpus.ts';
import { type CorpusFormatWriter, isoDate, syntheticDoi } from './writer.ts';

/** OpenAlex ids are 'W'/'A' + digits; an offset keeps them the length of real ones. */
const WORK_ID_BASE = 4_000_000_000;
const AUTHOR_ID_BASE = 5_000_000_000;

function workId(index: number): string {
  return `https://openalex.org/W${WORK_ID_BASE + index}`;
}

function authorId(author: number): string {
  return `https://openalex.org/A${AUTHOR_ID_BASE + author}`;
}

/** OpenAlex's abstract form as JSON text: each whitespace-separated token → its positions. */
function invertedIndexJson(text: string): string {
  // Positions are kept as text ("3,17") and words are quoted directly unless they need escaping:
  // arrays per word and JSON.stringify per word would dominate the writer's time.
  const needsEscape = /["\\\u0000-\u001f]/.test(text);
  const index = new Map<string, string>();
  const words = text.split(' ');
  for (let position = 0; position < words.length; position++) {
    const word = words[position]!;
    if (!word) continue;
    const positions = index.get(word);
    index.set(word, positions === undefined ? String(position) : `${positions},${position}`);
  }
  let json = '';
  for (const [word, positions] of index) {
    json += `${json ? ',' : ''}${needsEscape ? JSON.stringify(word) : `"${word}"`}:[${positions}]`;
  }
  return `{${json}}`;
}

/**
 * One OpenAlex work object per line (the snapshot/JSON Lines form). Serialised by hand: the
 * generic JSON.stringify of nested objects is the bottleneck at a million papers.
 */
export const openAlexWriter: CorpusFormatWriter = {
  format: 'openalex-jsonl',
  extension: '.jsonl',
  description: 'OpenAlex works, one JSON object per line',
  header(): string {
    return '';
  },
  paper(paper: SyntheticPaper, corpus: SyntheticCorpus): string {
    const last = paper.authors.length - 1;
    let authorships = '';
    for (let k = 0; k <= last; k++) {
      const author = paper.authors[k]!;
      const name = JSON.stringify(corpus.authorName(author).display);
      const position = k === 0 ? 'first' : k === last ? 'last' : 'middle';
      authorships +=
        `${k === 0 ? '' : ','}{"author_position":"${position}","author":{"id":"${authorId(author)}",` +
        `"display_name":${name},"orcid":null},"institutions":[],"raw_author_name":${name}}`;
    }
    let references = '';
    for (let r = 0; r < paper.references.length; r++) {
      references += `${r === 0 ? '' : ','}"${workId(paper.references[r]!)}"`;
    }
    const title = JSON.stringify(paper.title);
    return (
      `{"id":"${workId(paper.index)}","doi":"https://doi.org/${syntheticDoi(corpus, paper.index)}",` +
      `"title":${title},"display_name":${title},"publication_year":${paper.year},` +
      `"publication_date":"${isoDate(paper)}","type":"article","authorships":[${authorships}],` +
      `"referenced_works_count":${paper.references.length},"referenced_works":[${references}],` +
      `"abstract_inverted_index":${invertedIndexJson(paper.abstract)}}\n`
    );
  },
  footer(): string {
    return '';
  },
};
