/**
 * Titles and abstracts from topic vocabularies. Each paper's text takes its own random stream, so
 * text never shifts the structure and any paper's text can be made on its own.
 *
 * Titles are unique per corpus: each paper proposes a method whose name is a pronounceable word
 * made from the paper's own code (a bijection of its index, see `systemName`), and every title
 * starts with that name ('Brakilo: Sparse Attention for Video Retrieval'). Random words alone
 * collide (about 15% of 10k titles do), and citegraph rightly merges papers with one folded title.
 */
import { pick, type Random, randomInt } from './prng.ts';
import {
  ADJECTIVES,
  FINDINGS,
  LIMITATIONS,
  TOPICS,
  type TopicVocabulary,
  VERB_PHRASES,
} from './vocabulary.ts';

interface PaperText {
  title: string;
  abstract: string;
  /** Page count for the listing's '* N pages' note; 0 when there is none. */
  pages: number;
}

/** Syllable onsets × vowels: 20 × 5 = 100 syllables, so s syllables name 100^s papers. */
const ONSETS = [
  'b',
  'd',
  'f',
  'g',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'br',
  'dr',
  'kr',
  'tr',
  'pl',
  'st',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const SYLLABLES = ONSETS.flatMap((onset) => VOWELS.map((vowel) => onset + vowel));

/** Syllables per name so that every paper of a corpus of `papers` gets its own (at least 3). */
export function nameSyllables(papers: number): number {
  let syllables = 3;
  while (SYLLABLES.length ** syllables < papers) syllables++;
  return syllables;
}

/**
 * The method name of code `code` (0 ≤ code < 100^syllables): its base-100 digits as syllables,
 * capitalised ('Brakilo'). Each syllable is an onset and one vowel, so the vowels split a name
 * back into its syllables: distinct codes give distinct names, also after case folding and
 * with a suffix appended ('BrakiloNet'), which is what keeps folded titles apart.
 */
export function systemName(code: number, syllables: number): string {
  let name = '';
  let rest = code;
  for (let k = 0; k < syllables; k++) {
    name += SYLLABLES[rest % SYLLABLES.length]!;
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const ACRONYM_PARTS = [
  'Flex',
  'Net',
  'Graph',
  'Former',
  'Lo',
  'Ra',
  'Star',
  'Hyper',
  'Mix',
  'Nova',
  'Sparse',
  'Fast',
  'Deep',
  'Meta',
  'Omni',
  'Lite',
  'Trans',
  'Cube',
  'Zero',
  'Quant',
  'Prism',
  'Echo',
  'Atlas',
  'Vec',
  'Fusion',
];

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'the',
  'to',
  'via',
  'with',
]);

/** Title case: capitalise lower-case words except small ones; leave 'fMRI', 'SGD', 'CIFAR-10' alone. */
function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, index) => {
      if (index > 0 && SMALL_WORDS.has(word)) return word;
      const first = word.charAt(0);
      return first >= 'a' && first <= 'z' && word === word.toLowerCase()
        ? first.toUpperCase() + word.slice(1)
        : word;
    })
    .join(' ');
}

/** Capitalises a sentence start, but leaves 'fMRI' and 'k-mer' style tokens alone. */
function capitalise(text: string): string {
  const second = text.charAt(1);
  return second >= 'A' && second <= 'Z' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** What makes one paper's text: its own random stream, topics, and its unique method name. */
interface PaperTextInput {
  random: Random;
  topic: number;
  secondary: number;
  /** Chance that a word slot uses the second topic. */
  secondaryShare: number;
  /** The paper's unique code (see `systemName`). */
  nameCode: number;
  nameSyllables: number;
}

export function paperText(input: PaperTextInput): PaperText {
  const { random, topic, secondary, secondaryShare } = input;
  const main = TOPICS[topic % TOPICS.length]!;
  const second = TOPICS[secondary % TOPICS.length]!;
  /** The vocabulary for one word slot: mostly the paper's topic, sometimes its second one. */
  const vocabulary = (): TopicVocabulary => (random() < secondaryShare ? second : main);
  const task = () => pick(random, vocabulary().tasks);
  const method = () => pick(random, vocabulary().methods);
  const object = () => pick(random, vocabulary().objects);
  const property = () => pick(random, vocabulary().properties);

  // The unique name leads; a random suffix half of the time ('BrakiloNet') keeps names varied.
  let acronym = systemName(input.nameCode, input.nameSyllables);
  if (random() < 0.5) acronym += pick(random, ACRONYM_PARTS);

  let subtitle: string;
  switch (randomInt(random, 8)) {
    case 0:
      subtitle = `${method()} for ${task()}`;
      break;
    case 1:
      subtitle = `on the ${property()} of ${method()}`;
      break;
    case 2:
      subtitle = `${pick(random, ADJECTIVES)} ${method()} for ${task()}`;
      break;
    case 3:
      subtitle = `towards ${pick(random, ADJECTIVES)} ${task()} with ${method()}`;
      break;
    case 4:
      subtitle = `when ${method()} meets ${method()} in ${pick(random, ADJECTIVES)} ${task()}`;
      break;
    case 5:
      subtitle = `understanding ${property()} in ${object()}`;
      break;
    case 6:
      {
        const adjective = pick(random, ADJECTIVES);
        subtitle = `${article(adjective)} ${adjective} analysis of ${method()} for ${object()}`;
      }
      break;
    default:
      subtitle = `learning ${object()} via ${method()}`;
  }

  const application = object();
  let otherApplication = object();
  if (otherApplication === application) otherApplication = pick(random, main.objects);
  const adjective = pick(random, ADJECTIVES);
  const sentences: string[] = [
    `${capitalise(task())} is a central problem in ${main.area}, with applications to ${application} and ${otherApplication}.`,
    `Existing approaches based on ${method()} ${pick(random, LIMITATIONS)}.`,
    `In this paper, we study the ${property()} of ${method()} for ${task()} on ${object()}.`,
    `We propose ${acronym}, ${article(adjective)} ${adjective} framework that ${pick(random, VERB_PHRASES)} ${object()}.`,
  ];
  if (random() < 0.7) {
    sentences.push(
      `Our analysis shows that the ${property()} ${pick(random, FINDINGS)} with the number of ${object()}.`,
    );
  }
  if (random() < 0.5) {
    sentences.push(
      `We further show that ${method()} can be combined with ${method()} to improve ${property()}.`,
    );
  }
  const gain = 2 + randomInt(random, 30);
  sentences.push(
    `Experiments on ${pick(random, vocabulary().datasets)} and ${pick(random, vocabulary().datasets)} show that ${acronym} improves ${property()} by ${gain}% over strong baselines.`,
  );
  if (random() < 0.3) sentences.push('Code and data are publicly available.');

  const pages = random() < 0.75 ? 8 + randomInt(random, 50) : 0;
  return { title: `${acronym}: ${titleCase(subtitle)}`, abstract: sentences.join(' '), pages };
}
