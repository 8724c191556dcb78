/**
 * Papers grouped by a text label they carry (a source title, a keyword): labels matched by their
 * folded form, each group a CSR row of paper numbers in corpus order, each paper once per group.
 */
import { foldText } from '../../model/names.ts';
import { bigUint32, grown } from '../../util/big-arrays.ts';

export interface LabelGroups {
  /** Per group: the label as first met, and its folded form (what labels are matched by). */
  names: string[];
  keys: string[];
  /** Papers of group k: papers[offsets[k] .. offsets[k+1]). */
  offsets: Uint32Array;
  papers: Uint32Array;
}

export function labelGroups(
  paperCount: number,
  labelsOf: (paper: number) => readonly string[] | undefined,
): LabelGroups {
  const ids = new Map<string, number>();
  // Labels recur spelled the same way: the raw text finds its group without folding it again.
  const idOfRaw = new Map<string, number>();
  const names: string[] = [];
  const keys: string[] = [];
  let pairPaper = bigUint32(paperCount);
  let pairGroup = bigUint32(paperCount);
  let pairs = 0;
  const seenOn: number[] = [];
  for (let p = 0; p < paperCount; p++) {
    const labels = labelsOf(p);
    if (!labels) continue;
    for (const label of labels) {
      let id = idOfRaw.get(label);
      if (id === undefined) {
        const key = foldText(label);
        if (!key) continue;
        id = ids.get(key);
        if (id === undefined) {
          id = names.length;
          ids.set(key, id);
          names.push(label.trim());
          keys.push(key);
          seenOn.push(-1);
        }
        idOfRaw.set(label, id);
      }
      if (seenOn[id] === p) continue;
      seenOn[id] = p;
      pairPaper = grown(pairPaper, pairs + 1);
      pairGroup = grown(pairGroup, pairs + 1);
      pairPaper[pairs] = p;
      pairGroup[pairs++] = id;
    }
  }
  const offsets = bigUint32(names.length + 1);
  for (let i = 0; i < pairs; i++) offsets[pairGroup[i]! + 1]!++;
  for (let k = 0; k < names.length; k++) offsets[k + 1]! += offsets[k]!;
  const cursor = offsets.slice(0, names.length);
  const papers = bigUint32(pairs);
  for (let i = 0; i < pairs; i++) papers[cursor[pairGroup[i]!]!++] = pairPaper[i]!;
  return { names, keys, offsets, papers };
}

/** Papers in group k. */
export const groupSize = (groups: LabelGroups, k: number): number =>
  groups.offsets[k + 1]! - groups.offsets[k]!;
