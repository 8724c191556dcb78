/**
 * What every bibliometric map is counted from: an incidence of documents (or any container) and
 * the items they hold, as compressed rows. A co-citation map holds, per citing paper, the works
 * it cites; a keyword map, per paper, its keywords; a bibliographic coupling map, per cited work,
 * the papers citing it. Two items are linked by the containers that hold both (pairs.ts).
 */
import { bigCopy, bigFloat64, bigUint32 } from '../../util/big-arrays.ts';

export interface Incidence {
  containerCount: number;
  /** Items are 0..itemCount-1. */
  itemCount: number;
  /** Items of container c: items[offsets[c] .. offsets[c+1]), each at most once. */
  offsets: Float64Array;
  items: Uint32Array;
}

/** An incidence from rows of item numbers; repeats within a row are dropped. */
export function incidenceFromRows(rows: readonly (readonly number[])[], itemCount: number): Incidence {
  const offsets = bigFloat64(rows.length + 1);
  let total = 0;
  for (const row of rows) total += row.length;
  const items = bigUint32(total);
  const seen = new Int32Array(itemCount).fill(-1);
  let write = 0;
  rows.forEach((row, c) => {
    offsets[c] = write;
    for (const item of row) {
      if (seen[item] === c) continue;
      seen[item] = c;
      items[write++] = item;
    }
  });
  offsets[rows.length] = write;
  return {
    containerCount: rows.length,
    itemCount,
    offsets,
    items: write === total ? items : bigCopy(items, 0, write),
  };
}

/** Items as containers and containers as items: the papers citing each work from the works each paper cites. */
export function transposeIncidence(incidence: Incidence): Incidence {
  const { containerCount, itemCount, offsets, items } = incidence;
  const outOffsets = bigFloat64(itemCount + 1);
  for (let k = 0; k < items.length; k++) outOffsets[items[k]! + 1]!++;
  for (let i = 0; i < itemCount; i++) outOffsets[i + 1]! += outOffsets[i]!;
  const cursor = bigCopy(outOffsets, 0, itemCount);
  const outItems = bigUint32(items.length);
  for (let c = 0; c < containerCount; c++)
    for (let k = offsets[c]!, end = offsets[c + 1]!; k < end; k++) outItems[cursor[items[k]!]!++] = c;
  return { containerCount: itemCount, itemCount: containerCount, offsets: outOffsets, items: outItems };
}

/**
 * Per item, the containers holding it (a reference's citations, a keyword's documents), counting
 * only containers of at least `minContainerSize` items (2: those that can link the item to another).
 */
export function occurrences(incidence: Incidence, minContainerSize = 1): Uint32Array {
  const counts = bigUint32(incidence.itemCount);
  const { offsets, items } = incidence;
  for (let c = 0; c < incidence.containerCount; c++) {
    if (offsets[c + 1]! - offsets[c]! < minContainerSize) continue;
    for (let k = offsets[c]!, end = offsets[c + 1]!; k < end; k++) counts[items[k]!]!++;
  }
  return counts;
}

/** Which items a map keeps, and the threshold that chose them (the report states both). */
export interface ItemSelection {
  /** The kept items, by decreasing occurrences (ties: smaller item first). */
  items: Uint32Array;
  /** The least occurrences an item needed. */
  minOccurrences: number;
  /** Whether the threshold was chosen from the corpus (true) or given. */
  automatic: boolean;
  /** Items with at least one occurrence. */
  candidates: number;
  /** Items that met the threshold but were left out by the cap on items (most occurrences kept). */
  capped: number;
}

/**
 * The items to map. A given `minOccurrences` is used as it is; 'auto' takes the smallest
 * threshold of at least `floor` that leaves at most `maxItems` items, so the threshold grows with
 * the corpus (VOSviewer's defaults, 5 occurrences or 20 citations, suit a corpus of a few thousand
 * documents and leave a small one with an empty map). Either way at most `maxItems` are kept, those
 * with the most occurrences: pair counting costs the square of the items per container, and this
 * bounds it before any pair is counted.
 */
export function selectItems(
  counts: Uint32Array,
  minOccurrences: number | 'auto',
  floor: number,
  maxItems: number,
): ItemSelection {
  let most = 0;
  let candidates = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0) candidates++;
    if (counts[i]! > most) most = counts[i]!;
  }
  // atLeast[t]: items with at least t occurrences.
  const atLeast = new Float64Array(most + 2);
  for (let i = 0; i < counts.length; i++) atLeast[counts[i]!]!++;
  for (let t = most - 1; t >= 0; t--) atLeast[t]! += atLeast[t + 1]!;
  let threshold: number;
  if (minOccurrences === 'auto') {
    threshold = Math.max(1, floor);
    while (threshold <= most && atLeast[threshold]! > maxItems) threshold++;
  } else threshold = Math.max(1, minOccurrences);
  const passing = threshold <= most ? atLeast[threshold]! : 0;
  const chosen: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! >= threshold) chosen.push(i);
  chosen.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const kept = chosen.slice(0, maxItems);
  return {
    items: Uint32Array.from(kept),
    minOccurrences: threshold,
    automatic: minOccurrences === 'auto',
    candidates,
    capped: passing - kept.length,
  };
}
