import type { FormatParser } from './format.ts';
import { arxivAtomParser } from './formats/arxiv-atom.ts';
import { authorPageParser } from './formats/author-page.ts';
import { bibtexParser } from './formats/bibtex.ts';
import { crossrefParser } from './formats/crossref.ts';
import { cslJsonParser } from './formats/csl-json.ts';
import { dimensionsParser } from './formats/dimensions.ts';
import { hfListingParser, hfTitlesParser } from './formats/hf-listing.ts';
import { lensParser } from './formats/lens.ts';
import { openAlexParser } from './formats/openalex.ts';
import { openAlexCsvParser } from './formats/openalex-csv.ts';
import { pubmedParser } from './formats/pubmed.ts';
import { risParser } from './formats/ris.ts';
import { scopusParser } from './formats/scopus.ts';
import { semanticScholarParser } from './formats/semantic-scholar.ts';
import { topicListingParser } from './formats/topic-listing.ts';
import { wosParser } from './formats/wos.ts';

/**
 * Every format parser, in the order ties are broken when two sniff equally.
 * Each format module registers itself here with one import and one entry.
 */
export const PARSERS: FormatParser[] = [
  authorPageParser,
  hfListingParser,
  hfTitlesParser,
  topicListingParser,
  openAlexParser,
  semanticScholarParser,
  arxivAtomParser,
  bibtexParser,
  risParser,
  cslJsonParser,
  wosParser,
  scopusParser,
  pubmedParser,
  lensParser,
  crossrefParser,
  openAlexCsvParser,
  dimensionsParser,
];
