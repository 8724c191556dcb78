/**
 * Titles and abstracts from topic vocabularies. Each paper's text takes its own random stream, so
 * text never shifts the structure and any paper's text can be made on its own.
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

export interface PaperText {
  title: string;
  abstract: string;
  /** Page count for the listing's '* N pages' note; 0 when there is none. */
  pages: number;
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
export function titleCase(text: string): string {
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

export function paperText(
  random: Random,
  topic: number,
  secondary: number,
  secondaryShare: number,
): PaperText {
  const main = TOPICS[topic % TOPICS.length]!;
  const second = TOPICS[secondary % TOPICS.length]!;
  /** The vocabulary for one word slot: mostly the paper's topic, sometimes its second one. */
  const vocabulary = (): TopicVocabulary => (random() < secondaryShare ? second : main);
  const task = () => pick(random, vocabulary().tasks);
  const method = () => pick(random, vocabulary().methods);
  const object = () => pick(random, vocabulary().objects);
  const property = () => pick(random, vocabulary().properties);

  const acronymParts = 2 + randomInt(random, 2);
  let acronym = '';
  for (let part = 0; part < acronymParts; part++) acronym += pick(random, ACRONYM_PARTS);

  let title: string;
  switch (randomInt(random, 8)) {
    case 0:
      title = `${method()} for ${task()}`;
      break;
    case 1:
      title = `on the ${property()} of ${method()}`;
      break;
    case 2:
      title = `${acronym}: ${pick(random, ADJECTIVES)} ${method()} for ${task()}`;
      break;
    case 3:
      title = `towards ${pick(random, ADJECTIVES)} ${task()} with ${method()}`;
      break;
    case 4:
      title = `${method()} meets ${method()}: ${pick(random, ADJECTIVES)} ${task()}`;
      break;
    case 5:
      title = `understanding ${property()} in ${object()}`;
      break;
    case 6:
      {
        const adjective = pick(random, ADJECTIVES);
        title = `${article(adjective)} ${adjective} analysis of ${method()} for ${object()}`;
      }
      break;
    default:
      title = `learning ${object()} via ${method()}`;
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
  return { title: titleCase(title), abstract: sentences.join(' '), pages };
}
