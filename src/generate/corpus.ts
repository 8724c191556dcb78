/**
 * A synthetic corpus generator for benchmarks and scale tests.
 *
 * The corpus is built in two passes over typed arrays, then streamed paper by paper:
 *  1. authors: productivity weights follow Lotka's law (P(n) ∝ n^-lotkaExponent); authors sit in
 *     research groups, groups in topics (contiguous index ranges, so "pick inside a group/topic"
 *     is a binary search on one cumulative-weight array);
 *  2. papers: team size (log-normal, plus rare consortium papers with 100+ authors signed by a
 *     topic's roster) and bylines (bylines.ts): co-authors mostly from the first author's group,
 *     some bridges to other groups; the first author's group fixes the paper's topic;
 *  3. `papers()` streams each paper: its date; references to earlier papers only, mostly in the
 *     same topic, recent ones favoured, preferential
 *     attachment by copying a reference of a cited paper (Krapivsky–Redner redirection); the title
 *     and abstract from the topic's vocabulary.
 *
 * Only the references of earlier papers are kept (they are needed for the redirection); text is
 * made on the fly, so memory is about 4 bytes × references + a few typed arrays of N.
 * Pure: no `node:` imports. Every random choice comes from streams derived from `seed`.
 */
import { fnv1aNumber } from '../model/hash.ts';
import { assignAuthors } from './bylines.ts';
import { mix32, randomNormal, substream } from './prng.ts';
import { nameSyllables, paperText } from './text.ts';
import { FAMILY_NAMES, GIVEN_NAMES, TOPICS } from './vocabulary.ts';

export interface GenerateOptions {
  /** Number of papers. */
  papers: number;
  /** Seed of every random choice; the same seed gives the same corpus, byte for byte. */
  seed: number;
  /** First publication year. Default 2010. */
  firstYear?: number;
  /** Number of years the corpus spans. Default 15. */
  years?: number;
  /** Yearly growth of the publication rate (0.08 = 8% more papers each year). Default 0.08. */
  yearlyGrowth?: number;
  /** Number of topics (at most the vocabularies available, 10). Default 10. */
  topics?: number;
  /** Mean research group size. Default 12. */
  meanGroupSize?: number;
  /** Median of the log-normal team size of regular papers. Default 3.1. */
  teamMedian?: number;
  /** Sigma of the log-normal team size. Default 0.6. */
  teamSpread?: number;
  /** Largest regular (non-consortium) team. Default 60. */
  maxRegularTeam?: number;
  /** Share of consortium papers. Default 1/2000. */
  consortiumRate?: number;
  /** Smallest consortium team (Pareto minimum). Default 100. */
  consortiumMin?: number;
  /** Largest consortium team (also capped at half the topic's authors). Default 2000. */
  consortiumMax?: number;
  /** Lotka exponent of author productivity. Default 2. */
  lotkaExponent?: number;
  /** Largest productivity weight; default min(300, max(20, √slots)). */
  maxProductivity?: number;
  /** Chance that a co-author comes from outside the lead's group. Default 0.12. */
  bridgeRate?: number;
  /** Chance that such a bridge stays inside the topic. Default 0.7. */
  bridgeSameTopic?: number;
  /** Mean references per paper. Default 20. */
  meanReferences?: number;
  /** Sigma of the log-normal reference count. Default 0.35. */
  referenceSpread?: number;
  /** Chance that a reference is drawn from the paper's own topic. Default 0.8. */
  sameTopicCitation?: number;
  /** Chance that a drawn paper is replaced by one of its own references (preferential attachment). Default 0.5. */
  redirectRate?: number;
  /** Exponent > 1 favours recent papers when drawing a reference. Default 2. */
  recencyBias?: number;
  /** Chance that a word slot of the text uses the paper's second topic. Default 0.2. */
  secondaryTopicWords?: number;
}

export type ResolvedGenerateOptions = Required<Omit<GenerateOptions, 'maxProductivity'>> & {
  maxProductivity?: number;
};

/** Defaults in one place (Habit 4). */
const GENERATE_DEFAULTS: Omit<ResolvedGenerateOptions, 'papers' | 'seed'> = {
  firstYear: 2010,
  years: 15,
  yearlyGrowth: 0.08,
  topics: TOPICS.length,
  meanGroupSize: 12,
  teamMedian: 3.1,
  teamSpread: 0.6,
  maxRegularTeam: 60,
  consortiumRate: 1 / 2000,
  consortiumMin: 100,
  consortiumMax: 2000,
  lotkaExponent: 2,
  bridgeRate: 0.12,
  bridgeSameTopic: 0.7,
  meanReferences: 20,
  referenceSpread: 0.35,
  sameTopicCitation: 0.8,
  redirectRate: 0.5,
  recencyBias: 2,
  secondaryTopicWords: 0.2,
};

/** One generated paper. Typed-array fields are views that stay valid after the iteration moves on. */
export interface SyntheticPaper {
  /** 0-based position; papers come in publication order, so references point to smaller indices. */
  index: number;
  year: number;
  month: number;
  day: number;
  topic: number;
  secondaryTopic: number;
  /** Author indices in byline order (see `SyntheticCorpus.authorName`). */
  authors: Int32Array;
  /** Indices of cited papers, all smaller than `index`. */
  references: Int32Array;
  /** Empty when the stream was asked for structure only. */
  title: string;
  abstract: string;
  /** Page count note, or 0 when the listing shows none. */
  pages: number;
}

export interface AuthorNameParts {
  given: string;
  family: string;
  /** 'Given Family'. */
  display: string;
}

export interface CorpusShape {
  papers: number;
  authors: number;
  groups: number;
  topics: number;
  /** Sum of team sizes. */
  authorships: number;
  consortiumPapers: number;
}

export interface PaperStreamOptions {
  /** Generate titles and abstracts. Default true; false is much faster (graph structure only). */
  text?: boolean;
  /**
   * Publication order (default) or its reverse, as author pages list papers. Newest first draws
   * every paper's references before the first paper comes out; the papers are the same.
   */
  order?: 'oldest-first' | 'newest-first';
}

export interface SyntheticCorpus {
  options: ResolvedGenerateOptions;
  shape: CorpusShape;
  /** The author with the largest productivity weight (used as the owner of an author page). */
  mostProductiveAuthor: number;
  authorName(author: number): AuthorNameParts;
  topicName(topic: number): string;
  /** Streams every paper in publication order (or newest first); each call starts again. */
  papers(options?: PaperStreamOptions): Generator<SyntheticPaper, void, undefined>;
}

/** Random sub-streams, one per purpose, so that skipping the text never changes the structure. */
const STREAM = { shape: 1, papers: 2, text: 3 } as const;

/** Odd and not a multiple of 5, so invertible modulo any power of 100 (see `nameCode`). */
const NAME_MULTIPLIER = 7_654_321;

const MONTH_STARTS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const resolved: ResolvedGenerateOptions = { ...GENERATE_DEFAULTS, ...options };
  resolved.topics = Math.max(1, Math.min(TOPICS.length, Math.floor(resolved.topics)));
  resolved.papers = Math.max(0, Math.floor(resolved.papers));
  return resolved;
}

/** Builds the corpus skeleton; streaming the papers is left to `papers()`. */
export function generateCorpus(input: GenerateOptions): SyntheticCorpus {
  const options = resolveGenerateOptions(input);
  const { papers: paperCount, seed } = options;
  const random = substream(seed, STREAM.shape, 0);

  // Team sizes first: their sum fixes how much productivity the authors must supply.
  const teamSize = new Uint16Array(paperCount);
  const consortium = new Uint8Array(paperCount);
  let regularSlots = 0;
  let consortiumPapers = 0;
  const logMedian = Math.log(options.teamMedian);
  for (let i = 0; i < paperCount; i++) {
    if (random() < options.consortiumRate) {
      // Pareto tail (shape 1.5) from consortiumMin; capped later by the topic's size too.
      const size = options.consortiumMin / (1 - random()) ** (1 / 1.5);
      teamSize[i] = Math.min(options.consortiumMax, Math.floor(size));
      consortium[i] = 1;
      consortiumPapers++;
    } else {
      const size = Math.round(Math.exp(logMedian + options.teamSpread * randomNormal(random)));
      teamSize[i] = Math.max(1, Math.min(options.maxRegularTeam, size));
      regularSlots += teamSize[i]!;
    }
  }

  // Lotka: P(weight = n) ≈ n^-α, drawn as ⌊U^(-1/(α-1))⌋, until the weights cover every slot.
  const maxWeight =
    options.maxProductivity ?? Math.min(300, Math.max(20, Math.round(Math.sqrt(regularSlots))));
  const lotkaPower = -1 / (options.lotkaExponent - 1);
  const cumulativeBuffer = new Float64Array(Math.max(2, regularSlots) + 1);
  let authorCount = 0;
  let mostProductiveAuthor = 0;
  let bestWeight = 0;
  while (cumulativeBuffer[authorCount]! < regularSlots || authorCount < 2) {
    const weight = Math.min(maxWeight, Math.floor((1 - random()) ** lotkaPower));
    if (authorCount + 1 >= cumulativeBuffer.length) break;
    if (weight > bestWeight) {
      bestWeight = weight;
      mostProductiveAuthor = authorCount;
    }
    cumulativeBuffer[authorCount + 1] = cumulativeBuffer[authorCount]! + weight;
    authorCount++;
  }
  const cumulative = cumulativeBuffer.slice(0, authorCount + 1);

  // Topics get shares ∝ 1/√(rank): some fields are bigger than others. Groups are carved inside.
  const topicCount = options.topics;
  const topicShare = Array.from({ length: topicCount }, (_, t) => 1 / Math.sqrt(t + 1));
  const shareSum = topicShare.reduce((sum, share) => sum + share, 0);
  const topicAuthorStart = new Int32Array(topicCount + 1);
  for (let t = 0, acc = 0; t < topicCount; t++) {
    acc += topicShare[t]! / shareSum;
    topicAuthorStart[t + 1] = t === topicCount - 1 ? authorCount : Math.round(acc * authorCount);
  }
  const groupStartList: number[] = [];
  const groupTopicList: number[] = [];
  const groupSecondaryList: number[] = [];
  for (let t = 0; t < topicCount; t++) {
    let start = topicAuthorStart[t]!;
    const end = topicAuthorStart[t + 1]!;
    while (start < end) {
      // Geometric sizes with the requested mean.
      const size = 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / options.meanGroupSize));
      groupStartList.push(start);
      groupTopicList.push(t);
      const other = Math.floor(random() * (topicCount - 1));
      groupSecondaryList.push(topicCount === 1 ? t : other >= t ? other + 1 : other);
      start = Math.min(end, start + size);
    }
  }
  const groupCount = groupStartList.length;
  const groupStart = Int32Array.from([...groupStartList, authorCount]);
  const groupTopic = Uint8Array.from(groupTopicList);
  const groupSecondary = Uint8Array.from(groupSecondaryList);

  const bylines = assignAuthors({
    random,
    options,
    teamSize,
    consortium,
    cumulative,
    groupStart,
    groupTopic,
    topicAuthorStart,
  });
  const { paperAuthorStart, paperAuthors, paperGroup } = bylines;

  // Topic paper lists (publication order) by counting sort: "earlier papers of my topic".
  const topicPaperStart = new Int32Array(topicCount + 1);
  for (let i = 0; i < paperCount; i++) topicPaperStart[groupTopic[paperGroup[i]!]! + 1]!++;
  for (let t = 0; t < topicCount; t++) topicPaperStart[t + 1]! += topicPaperStart[t]!;
  const topicPapers = new Int32Array(paperCount);
  const positionInTopic = new Int32Array(paperCount);
  const topicFill = topicPaperStart.slice(0, topicCount);
  for (let i = 0; i < paperCount; i++) {
    const t = groupTopic[paperGroup[i]!]!;
    positionInTopic[i] = topicFill[t]! - topicPaperStart[t]!;
    topicPapers[topicFill[t]!++] = i;
  }

  const shape: CorpusShape = {
    papers: paperCount,
    authors: authorCount,
    groups: groupCount,
    topics: topicCount,
    authorships: paperAuthors.length,
    consortiumPapers,
  };

  const nameScramble = [7919, 104729, 1299709, 15485863].find((prime) => authorCount % prime !== 0)!;
  let givenNames = GIVEN_NAMES.length;
  while (greatestCommonDivisor(givenNames, FAMILY_NAMES.length) !== 1) givenNames--;

  function authorName(author: number): AuthorNameParts {
    // A bijection on [0, authors) spreads the rarer name shapes over groups; then the Chinese
    // remainder theorem picks given and family name together (coprime list lengths), and higher
    // tiers add a second family name. Names are unique, and no two are variants of one name
    // ('Lucas Wei' and 'Lucas A. Wei' would be, and citegraph joins variants that share co-authors).
    let code = (author * nameScramble) % Math.max(1, authorCount);
    const given = GIVEN_NAMES[code % givenNames]!;
    let family = FAMILY_NAMES[code % FAMILY_NAMES.length]!;
    code = Math.floor(code / (givenNames * FAMILY_NAMES.length));
    if (code > 0) family = `${family}-${FAMILY_NAMES[(code - 1) % FAMILY_NAMES.length]!}`;
    return { given, family, display: `${given} ${family}` };
  }

  // Each paper's method name comes from a bijection of its index onto [0, 100^syllables): an
  // odd multiplier not divisible by 5 is invertible modulo a power of 100; the seed shifts it.
  const syllables = nameSyllables(paperCount);
  const nameSpace = 100 ** syllables;
  const nameOffset = mix32(seed ^ 0x5bd1e995) % nameSpace;
  const nameCode = (index: number): number => (index * NAME_MULTIPLIER + nameOffset) % nameSpace;

  function* papers(streamOptions: PaperStreamOptions = {}): Generator<SyntheticPaper, void, undefined> {
    const withText = streamOptions.text ?? true;
    const rng = substream(seed, STREAM.papers, 0);
    const cited = new Int32Array(paperCount).fill(-1);
    let references = new Int32Array(Math.max(16, Math.ceil(paperCount * options.meanReferences * 1.1)));
    const referenceStart = new Uint32Array(paperCount + 1);
    let referenceCount = 0;
    const growth = options.yearlyGrowth;
    const growthSpan = Math.expm1(growth * options.years);
    const logMeanReferences = Math.log(options.meanReferences) - options.referenceSpread ** 2 / 2;

    /** References of paper i: earlier papers only, mostly same topic, recent ones favoured, redirection. */
    function drawReferences(i: number): void {
      const topic = groupTopic[paperGroup[i]!]!;
      const wanted = Math.min(
        i,
        Math.round(Math.exp(logMeanReferences + options.referenceSpread * randomNormal(rng))),
      );
      const topicBase = topicPaperStart[topic]!;
      const topicEarlier = positionInTopic[i]!;
      for (let r = 0; r < wanted; r++) {
        for (let attempt = 0; attempt < 8; attempt++) {
          const recency = rng() ** options.recencyBias;
          let target: number;
          if (topicEarlier > 0 && rng() < options.sameTopicCitation) {
            target = topicPapers[topicBase + topicEarlier - 1 - Math.floor(recency * topicEarlier)]!;
          } else {
            target = i - 1 - Math.floor(recency * i);
          }
          if (rng() < options.redirectRate) {
            const from = referenceStart[target]!;
            const count = referenceStart[target + 1]! - from;
            if (count > 0) target = references[from + Math.floor(rng() * count)]!;
          }
          if (cited[target] !== i) {
            cited[target] = i;
            if (referenceCount >= references.length) {
              const grown = new Int32Array(references.length * 2);
              grown.set(references);
              references = grown;
            }
            references[referenceCount++] = target;
            break;
          }
        }
      }
      referenceStart[i + 1] = referenceCount;
    }

    /** Paper i once its references are drawn; everything else depends on i alone. */
    function makePaper(i: number): SyntheticPaper {
      // Date: exponential growth of the publication rate, monotone in the index.
      const fraction = (i + 0.5) / paperCount;
      const time = growth > 0 ? Math.log1p(fraction * growthSpan) / growth : fraction * options.years;
      const yearOffset = Math.min(options.years - 1, Math.floor(time));
      const dayOfYear = Math.min(364, Math.floor((time - yearOffset) * 365));
      let month = 0;
      while (MONTH_STARTS[month + 1]! <= dayOfYear) month++;
      const day = dayOfYear - MONTH_STARTS[month]! + 1;

      const group = paperGroup[i]!;
      const topic = groupTopic[group]!;
      const secondaryTopic = groupSecondary[group]!;
      const paper: SyntheticPaper = {
        index: i,
        year: options.firstYear + yearOffset,
        month: month + 1,
        day,
        topic,
        secondaryTopic,
        authors: paperAuthors.slice(paperAuthorStart[i]!, paperAuthorStart[i + 1]!),
        references: references.slice(referenceStart[i]!, referenceStart[i + 1]!),
        title: '',
        abstract: '',
        pages: 0,
      };
      if (withText) {
        const text = paperText({
          random: substream(seed, STREAM.text, i),
          topic,
          secondary: secondaryTopic,
          secondaryShare: options.secondaryTopicWords,
          nameCode: nameCode(i),
          nameSyllables: syllables,
        });
        paper.title = text.title;
        paper.abstract = text.abstract;
        paper.pages = text.pages;
      }
      return paper;
    }

    if (streamOptions.order === 'newest-first') {
      // References need every earlier paper, so they are drawn first (the array is kept either way).
      for (let i = 0; i < paperCount; i++) drawReferences(i);
      for (let i = paperCount - 1; i >= 0; i--) yield makePaper(i);
      return;
    }
    for (let i = 0; i < paperCount; i++) {
      drawReferences(i);
      yield makePaper(i);
    }
  }

  return {
    options,
    shape,
    mostProductiveAuthor,
    authorName,
    topicName: (topic) => TOPICS[topic]?.name ?? `Topic ${topic}`,
    papers,
  };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** A 32-bit seed from any text ('42', 'bench-2024'): numbers are used as they are. */
export function seedFromText(text: string): number {
  const number = Number(text);
  if (Number.isInteger(number)) return number >>> 0;
  return mix32(fnv1aNumber(text));
}
