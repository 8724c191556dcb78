/**
 * Who wrote which paper. Each author owns `weight` authorship slots (their Lotka productivity);
 * papers take slots without putting them back, so realised paper counts follow Lotka's law
 * closely instead of being smeared by sampling noise. Slots are laid out group by group, and a
 * Fenwick tree over the groups' remaining slots draws from one group, one topic (a contiguous run
 * of groups) or everyone in O(log groups).
 */
import type { ResolvedGenerateOptions } from './corpus.ts';
import type { Random } from './prng.ts';

interface BylineInput {
  random: Random;
  options: ResolvedGenerateOptions;
  teamSize: Uint16Array;
  consortium: Uint8Array;
  /** Cumulative integer weights, length authors + 1. */
  cumulative: Float64Array;
  /** First author of each group, length groups + 1. */
  groupStart: Int32Array;
  groupTopic: Uint8Array;
  /** First author of each topic, length topics + 1. */
  topicAuthorStart: Int32Array;
}

interface Bylines {
  /** Authors of paper i are paperAuthors[paperAuthorStart[i] .. paperAuthorStart[i + 1]). */
  paperAuthorStart: Uint32Array;
  paperAuthors: Int32Array;
  /** The group of each paper's first author; it fixes the paper's topic. */
  paperGroup: Int32Array;
}

/** Attempts at a slot before a co-author is taken from outside the preferred pool. */
const ATTEMPTS = 16;

class Fenwick {
  readonly tree: Int32Array;
  private readonly top: number;
  constructor(readonly size: number) {
    this.tree = new Int32Array(size + 1);
    this.top = size > 0 ? 2 ** Math.floor(Math.log2(size)) : 0;
  }
  static from(values: Int32Array): Fenwick {
    const fenwick = new Fenwick(values.length);
    const tree = fenwick.tree;
    for (let index = 1; index <= values.length; index++) {
      tree[index]! += values[index - 1]!;
      const parent = index + (index & -index);
      if (parent <= values.length) tree[parent]! += tree[index]!;
    }
    return fenwick;
  }
  /** Sum of the first `count` values. */
  prefix(count: number): number {
    let sum = 0;
    for (let index = count; index > 0; index -= index & -index) sum += this.tree[index]!;
    return sum;
  }
  add(position: number, delta: number): void {
    for (let index = position + 1; index <= this.size; index += index & -index) this.tree[index]! += delta;
  }
  /** The position p with prefix(p) ≤ target < prefix(p + 1). */
  find(target: number): number {
    let position = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && this.tree[next]! <= target) {
        position = next;
        target -= this.tree[next]!;
      }
    }
    return position;
  }
}

function groupOf(groupStart: Int32Array, author: number): number {
  let lo = 0;
  let hi = groupStart.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (groupStart[mid]! <= author) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function assignAuthors(input: BylineInput): Bylines {
  const { random, options, teamSize, consortium, cumulative, groupStart, groupTopic, topicAuthorStart } =
    input;
  const paperCount = teamSize.length;
  const authorCount = cumulative.length - 1;
  const groupCount = groupStart.length - 1;
  const topicCount = topicAuthorStart.length - 1;

  // Slots: author a appears weight(a) times; group g's slots start at cumulative[groupStart[g]].
  const slots = new Int32Array(cumulative[authorCount]!);
  for (let author = 0; author < authorCount; author++)
    slots.fill(author, cumulative[author]!, cumulative[author + 1]!);
  const remaining = new Int32Array(groupCount);
  const slotStart = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    slotStart[g] = cumulative[groupStart[g]!]!;
    remaining[g] = cumulative[groupStart[g + 1]!]! - slotStart[g]!;
  }
  const fenwick = Fenwick.from(remaining);
  let totalRemaining = slots.length;
  const topicGroupStart = new Int32Array(topicCount + 1).fill(groupCount);
  for (let g = groupCount - 1; g >= 0; g--) topicGroupStart[groupTopic[g]!] = g;
  for (let t = topicCount - 1; t >= 0; t--)
    topicGroupStart[t] = Math.min(topicGroupStart[t]!, topicGroupStart[t + 1]!);

  /** Takes slot `offset` of group g's remaining slots, unless its author is already on paper i. */
  const taken = new Int32Array(authorCount).fill(-1);
  function takeSlot(g: number, offset: number, paper: number): number {
    const position = slotStart[g]! + offset;
    const author = slots[position]!;
    if (taken[author] === paper) return -1;
    const last = slotStart[g]! + remaining[g]! - 1;
    slots[position] = slots[last]!;
    slots[last] = author;
    remaining[g]!--;
    fenwick.add(g, -1);
    totalRemaining--;
    taken[author] = paper;
    return author;
  }
  /** A slot from groups [fromGroup, toGroup); -1 when they are empty or the author is taken. */
  function takeFromGroups(fromGroup: number, toGroup: number, paper: number): number {
    const base = fenwick.prefix(fromGroup);
    const span = fenwick.prefix(toGroup) - base;
    if (span <= 0) return -1;
    const target = base + Math.floor(random() * span);
    const g = fenwick.find(target);
    return takeSlot(g, target - fenwick.prefix(g), paper);
  }
  /** Budget exhausted or pools saturated: any author not yet on the paper. */
  function anyFreeAuthor(paper: number): number {
    let author = Math.floor(random() * authorCount);
    while (taken[author] === paper) author = (author + 1) % authorCount;
    taken[author] = paper;
    return author;
  }

  let capacity = 0;
  for (let i = 0; i < paperCount; i++) capacity += Math.min(teamSize[i]!, authorCount);
  const paperAuthors = new Int32Array(capacity);
  const paperAuthorStart = new Uint32Array(paperCount + 1);
  const paperGroup = new Int32Array(paperCount);
  let filled = 0;

  for (let i = 0; i < paperCount; i++) {
    const size = Math.min(teamSize[i]!, authorCount);
    if (consortium[i]) {
      // A consortium signs as a roster: its topic's first authors (everyone if the topic is small).
      const topic = groupTopic[groupOf(groupStart, Math.floor(random() * authorCount))]!;
      const topicFrom = topicAuthorStart[topic]!;
      const topicSize = topicAuthorStart[topic + 1]! - topicFrom;
      const useTopic = topicSize >= 2 * options.consortiumMin;
      const rosterFrom = useTopic ? topicFrom : 0;
      const rosterSize = Math.max(
        1,
        Math.min(options.consortiumMax, Math.floor((useTopic ? topicSize : authorCount) / 2)),
      );
      const members = Math.max(1, Math.min(size, rosterSize));
      // Partial Fisher–Yates over the roster: `members` distinct authors.
      const roster = new Int32Array(rosterSize);
      for (let k = 0; k < roster.length; k++) roster[k] = rosterFrom + k;
      for (let k = 0; k < members; k++) {
        const swap = k + Math.floor(random() * (roster.length - k));
        const author = roster[swap]!;
        roster[swap] = roster[k]!;
        roster[k] = author;
        taken[author] = i;
        paperAuthors[filled++] = author;
      }
      paperGroup[i] = groupOf(groupStart, paperAuthors[filled - members]!);
      paperAuthorStart[i + 1] = filled;
      continue;
    }

    let lead = totalRemaining > 0 ? takeFromGroups(0, groupCount, i) : -1;
    if (lead < 0) lead = anyFreeAuthor(i);
    const group = groupOf(groupStart, lead);
    paperGroup[i] = group;
    paperAuthors[filled++] = lead;
    const topic = groupTopic[group]!;
    for (let slot = 1; slot < size; slot++) {
      let author = -1;
      for (let attempt = 0; attempt < ATTEMPTS && author < 0 && totalRemaining > 0; attempt++) {
        if (remaining[group]! > 0 && attempt < ATTEMPTS / 2 && random() >= options.bridgeRate) {
          author = takeSlot(group, Math.floor(random() * remaining[group]!), i);
        } else if (random() < options.bridgeSameTopic) {
          author = takeFromGroups(topicGroupStart[topic]!, topicGroupStart[topic + 1]!, i);
        } else {
          author = takeFromGroups(0, groupCount, i);
        }
      }
      if (author < 0) author = anyFreeAuthor(i);
      paperAuthors[filled++] = author;
    }
    paperAuthorStart[i + 1] = filled;
  }

  return { paperAuthorStart, paperAuthors: paperAuthors.slice(0, filled), paperGroup };
}
