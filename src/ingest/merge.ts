import { stableId } from '../model/hash.ts';
import { titleKey } from '../model/titles.ts';
import type { MergeEvent, Paper, PaperRecord } from '../model/types.ts';
import { mergeGroup, singleRecordPaper } from './paper-fields.ts';
import { groupPaperRecords, mergeReason } from './paper-identity.ts';

interface MergedPapers {
  papers: Paper[];
  merges: MergeEvent[];
}

/**
 * Merges records that describe one paper: identifiers decide when present (one DOI or arXiv id is
 * one paper), otherwise folded titles. The merge keeps the union of what each source knows, every
 * provenance entry, and disagreements as `conflicts`.
 */
export function mergeDuplicatePapers(records: PaperRecord[]): MergedPapers {
  const titleKeys: string[] = new Array(records.length);
  for (let index = 0; index < records.length; index++) titleKeys[index] = titleKey(records[index]!.title);
  const groups = groupPaperRecords(records, titleKeys);
  const papers: Paper[] = [];
  const merges: MergeEvent[] = [];
  const usedIds = new Set<string>();
  for (let group = 0; group < groups.count; group++) {
    const from = groups.start[group]!;
    const to = groups.start[group + 1]!;
    const first = records[groups.members[from]!]!;
    const key = titleKeys[groups.members[from]!]!;
    const base = `p${stableId(key || `${first.provenance.file}:${first.provenance.line}`).slice(0, 12)}`;
    let id = base;
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    usedIds.add(id);
    if (to - from === 1) {
      papers.push(singleRecordPaper(first, id));
      continue;
    }
    const members: PaperRecord[] = [];
    for (let at = from; at < to; at++) members.push(records[groups.members[at]!]!);
    const paper = mergeGroup(members, id);
    papers.push(paper);
    merges.push({ into: id, title: paper.title, sources: paper.sources, reason: mergeReason(members) });
  }
  return { papers, merges };
}
