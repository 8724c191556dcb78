/** Identifier normalisation, so that one DOI or arXiv id written two ways matches itself. */

/** '10.1000/ABC', 'https://doi.org/10.1000/abc', 'doi:10.1000/abc' → '10.1000/abc'. */
export function normaliseDoi(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const match = /10\.\d{2,9}\/\S+/i.exec(text.trim());
  if (match) return match[0].replace(/[.,;]+$/, '').toLowerCase();
  // shortDOI form ('10/fqd6hj') as Zotero writes it.
  const short = /^(?:https?:\/\/doi\.org\/)?(10\/[a-z0-9]+)$/i.exec(text.trim());
  return short ? short[1]!.toLowerCase() : undefined;
}

/** 'http://arxiv.org/abs/1111.2011v2', 'arXiv:1111.2011', 'cond-mat/0412498v1' → id without version. */
export function normaliseArxivId(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const modern = /(\d{4}\.\d{4,5})(v\d+)?/.exec(text);
  if (modern) return modern[1];
  const old = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/i.exec(text);
  return old ? old[1]!.toLowerCase() : undefined;
}

/** 'https://openalex.org/W2741809807' → 'W2741809807'. */
export function normaliseOpenAlexId(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const match = /([WAISCFPT]\d+)\s*$/i.exec(text.trim());
  return match ? match[1]!.toUpperCase() : undefined;
}

/** 'https://orcid.org/0000-0002-1825-0097' → '0000-0002-1825-0097'. */
export function normaliseOrcid(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const match = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i.exec(text);
  return match ? match[1]!.toUpperCase() : undefined;
}
