/**
 * The analysis seen as a graph (ReadableGraph): node and edge attribute objects are made on the
 * fly, one at a time, with the keys and attribute names of src/model/graph-schema.ts. The
 * graphology graph (graph/from-view.ts), graph.json, the exports and the stores are all read
 * from it; nothing per node or edge is kept, so a million papers stream in flat memory.
 */

import { authorNodeAttributes, paperNodeAttributes } from '../graph/node-attributes.ts';
import type { EdgeCallback, ReadableEdgeEntry, ReadableGraph } from '../graph/readable.ts';
import {
  type AuthorNodeAttributes,
  EDGE_ORDER,
  type EdgeAttributes,
  type EdgeKind,
  MAP_EDGE_KINDS,
  type NodeAttributes,
  type NodeKind,
  type PaperNodeAttributes,
  type ReferenceNodeAttributes,
} from '../model/graph-schema.ts';
import { bigUint8 } from '../util/big-arrays.ts';
import { CITATION_ORIGINS } from './citations.ts';
import { MentionedWork } from './cited-works.ts';
import { setAuthorImpact, setPaperImpact, setReferenceImpact } from './impact/impact-attributes.ts';
import { type LayerEdgeData, type LayerEdgeKind, layerEdges } from './layer-edges.ts';
import {
  assignMapAttributes,
  MAP_ITEM_KINDS,
  MAP_OF_ITEM_KIND,
  type MapEnds,
  mapEdges,
  mapItemAttributes,
  mapItemKey,
  mapItemNodeOf,
} from './maps/view.ts';
import { MAP_NAMES as MAP_LAYERS } from './options.ts';
import { communityColor, NO_COMMUNITY_COLOR, REFERENCE_COLOR } from './palette.ts';
import type { Analysis } from './pipeline.ts';

const round2 = (value: number): number => Math.round(value * 100) / 100;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export class AnalysisView implements ReadableGraph {
  readonly multi = true;
  private keyIndex: { papers: Map<string, number>; authors: Map<string, number> } | undefined;
  /** Positions of `ref:<id>` keys, made when one is first asked for (millions at scale). */
  private referenceKeyIndex: Map<string, number> | undefined;
  private layerData: LayerEdgeData | undefined;

  constructor(private readonly analysis: Analysis) {}

  /** The ids and arrays the authorship, co-authorship and similarity edges are made from. */
  layerEdgeData(): LayerEdgeData {
    if (!this.layerData) {
      const { corpus, index, coauthorship, themes } = this.analysis;
      // Papers left out of co-authorship by the author cap: not listed as joint papers.
      const capped = bigUint8(index.paperCount);
      for (const p of coauthorship.capped) capped[p] = 1;
      this.layerData = {
        paperIds: corpus.papers.map((paper) => paper.id),
        authorIds: corpus.authors.map((author) => author.id),
        index,
        coauthorship,
        capped,
        similarity: themes?.similarity,
      };
    }
    return this.layerData;
  }

  get order(): number {
    const { index, citations, maps } = this.analysis;
    let items = 0;
    for (const kind of MAP_ITEM_KINDS) items += maps[MAP_OF_ITEM_KIND[kind]]?.kept.length ?? 0;
    return index.paperCount + index.authorCount + citations.referenceCount + items;
  }

  getAttribute(name: 'name'): unknown {
    return name === 'name' ? 'citegraph analysis' : undefined;
  }

  paperAttributes(p: number): PaperNodeAttributes {
    const { corpus, citations, pagerank, citationDegree, themes, themeLabels, layout } = this.analysis;
    const attributes = paperNodeAttributes(corpus.papers[p]!);
    attributes.citedBy = citations.citedBy[p]!;
    attributes.pagerank = pagerank[p]!;
    attributes.degree = citationDegree[p]!;
    setPaperImpact(attributes, this.analysis.impact.papers, p);
    const theme = themes ? themes.partition.membership[p]! : -1;
    attributes.theme = theme;
    if (theme >= 0) {
      attributes.themeLabel = themeLabels[theme]!;
      attributes.weightedDegree = themes!.strength[p]!;
      attributes.bridging = themes!.bridging[p]!;
    }
    if (layout) {
      attributes.x = layout.x[p]!;
      attributes.y = layout.y[p]!;
    }
    attributes.size = round2(2 + 2 * Math.sqrt(1 + attributes.citedBy));
    attributes.color = theme >= 0 ? communityColor(theme) : NO_COMMUNITY_COLOR;
    assignMapAttributes(
      attributes as unknown as Record<string, unknown>,
      this.analysis.maps,
      'cocitation',
      p,
    );
    assignMapAttributes(attributes as unknown as Record<string, unknown>, this.analysis.maps, 'coupling', p);
    return attributes;
  }

  authorAttributes(a: number): AuthorNodeAttributes {
    const {
      corpus,
      index,
      collaboration,
      collaborationLabels,
      authorDegree,
      authorStrength,
      authorBridging,
    } = this.analysis;
    const attributes = authorNodeAttributes(corpus.authors[a]!);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const themeCounts = new Map<number, number>();
    let themed = 0;
    for (let i = index.authorOffsets[a]!; i < index.authorOffsets[a + 1]!; i++) {
      const p = index.authorPapers[i]!;
      const year = corpus.papers[p]!.year;
      if (year !== undefined) {
        first = Math.min(first, year);
        last = Math.max(last, year);
      }
      const theme = this.analysis.themes?.partition.membership[p] ?? -1;
      if (theme >= 0) {
        themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1);
        themed++;
      }
    }
    if (Number.isFinite(first)) {
      attributes.firstYear = first;
      attributes.lastYear = last;
    }
    setAuthorImpact(attributes, this.analysis.impact.authors, a);
    const community = collaboration.membership[a]!;
    attributes.community = community;
    if (community >= 0) {
      attributes.communityLabel = collaborationLabels[community]!;
      attributes.degree = authorDegree[a]!;
      attributes.weightedDegree = authorStrength[a]!;
      attributes.bridging = authorBridging[a]!;
      attributes.betweenness = this.analysis.authorBetweenness[a]!;
    }
    if (themed > 0) {
      const mix: Record<string, number> = {};
      for (const [theme, count] of [...themeCounts].sort((x, y) => x[0] - y[0]))
        mix[String(theme)] = round3(count / themed);
      attributes.themeMix = mix;
    }
    const layout = this.analysis.layout;
    if (layout) {
      attributes.x = layout.x[index.paperCount + a]!;
      attributes.y = layout.y[index.paperCount + a]!;
    }
    attributes.size = round2(2 + 3 * Math.sqrt(attributes.paperCount));
    attributes.color = community >= 0 ? communityColor(community) : NO_COMMUNITY_COLOR;
    return attributes;
  }

  /** External work r (node P + r of the citation layer) as its Reference node. */
  referenceAttributes(r: number): ReferenceNodeAttributes {
    const { index, pagerank, layout } = this.analysis;
    const attributes = this.referenceStub(r);
    setReferenceImpact(attributes, attributes.mentionCount, pagerank[index.paperCount + r]!);
    if (layout) {
      attributes.x = layout.x[index.paperCount + index.authorCount + r]!;
      attributes.y = layout.y[index.paperCount + index.authorCount + r]!;
    }
    attributes.size = round2(1.5 + Math.sqrt(attributes.mentionCount));
    attributes.color = REFERENCE_COLOR;
    const work = this.analysis.citations.externalWorks.at(r);
    if (!(work instanceof MentionedWork) && work.doi) attributes.doi = work.doi;
    assignMapAttributes(
      attributes as unknown as Record<string, unknown>,
      this.analysis.maps,
      'cocitation',
      index.paperCount + r,
    );
    return attributes;
  }

  /** What the reference list or mention said of external work r, and how many papers cite it. */
  private referenceStub(r: number): ReferenceNodeAttributes {
    const { citations } = this.analysis;
    const text = citations.referenceText(r);
    const attributes: ReferenceNodeAttributes = {
      kind: 'reference',
      label: text,
      referenceId: citations.referenceId(r),
      text,
      mentionCount: citations.mentionCount[r]!,
    };
    const year = citations.referenceYear(r);
    if (year !== undefined) attributes.year = year;
    const family = citations.referenceFamily(r);
    if (family) attributes.firstAuthorFamily = family;
    return attributes;
  }

  private referenceKey(r: number): string {
    return `ref:${this.analysis.citations.referenceId(r)}`;
  }

  private paperKey(p: number): string {
    return `paper:${this.analysis.corpus.papers[p]!.id}`;
  }

  private authorKey(a: number): string {
    return `author:${this.analysis.corpus.authors[a]!.id}`;
  }

  private indexOf(node: string): number | undefined {
    if (node.startsWith('ref:')) return this.referencePosition(node);
    // Keyed by the ids the corpus holds, so the index makes no string of its own.
    if (!this.keyIndex) {
      const { corpus } = this.analysis;
      const papers = new Map<string, number>();
      const authors = new Map<string, number>();
      corpus.papers.forEach((paper, p) => {
        papers.set(paper.id, p);
      });
      corpus.authors.forEach((author, a) => {
        authors.set(author.id, corpus.papers.length + a);
      });
      this.keyIndex = { papers, authors };
    }
    if (node.startsWith('paper:')) return this.keyIndex.papers.get(node.slice('paper:'.length));
    if (node.startsWith('author:')) return this.keyIndex.authors.get(node.slice('author:'.length));
    return undefined;
  }

  private referencePosition(node: string): number | undefined {
    const { index, citations } = this.analysis;
    if (!this.referenceKeyIndex) {
      const keys = new Map<string, number>();
      const first = index.paperCount + index.authorCount;
      for (let r = 0; r < citations.referenceCount; r++) keys.set(this.referenceKey(r), first + r);
      this.referenceKeyIndex = keys;
    }
    return this.referenceKeyIndex.get(node);
  }

  private attributesAt(position: number): NodeAttributes {
    const { paperCount: papers, authorCount: authors } = this.analysis.index;
    if (position < papers) return this.paperAttributes(position);
    if (position < papers + authors) return this.authorAttributes(position - papers);
    return this.referenceAttributes(position - papers - authors);
  }

  hasNode(node: string): boolean {
    return this.indexOf(node) !== undefined || mapItemNodeOf(this.analysis.maps, node) !== undefined;
  }

  getNodeAttributes(node: string): NodeAttributes {
    const item = mapItemNodeOf(this.analysis.maps, node);
    if (item) return mapItemAttributes(item.map, item.node);
    const position = this.indexOf(node);
    if (position === undefined) throw new Error(`no node ${node}`);
    return this.attributesAt(position);
  }

  *nodeEntries(): Generator<{ node: string; attributes: NodeAttributes }> {
    for (const kind of ['paper', 'author', 'reference', ...MAP_ITEM_KINDS] as const)
      yield* this.nodeEntriesOfKind(kind);
  }

  forEachNode(callback: (node: string, attributes: NodeAttributes) => void): void {
    for (const { node, attributes } of this.nodeEntries()) callback(node, attributes);
  }

  /** Joint papers of two authors: the intersection of their sorted paper rows. */
  /**
   * What an edge entry carries about its ends: the kind and names, not the full record (which
   * costs a walk over an author's papers). Writers read it to filter by kind; the full attributes
   * are one getNodeAttributes away.
   */
  /** Made once per node and shared by its edges (an edge's ends are read, never changed). */
  private paperStubs: (PaperNodeAttributes | undefined)[] | undefined;
  private authorStubs: (AuthorNodeAttributes | undefined)[] | undefined;

  private paperStub(p: number): PaperNodeAttributes {
    this.paperStubs ??= new Array(this.analysis.corpus.papers.length);
    let stub = this.paperStubs[p];
    if (!stub) {
      const paper = this.analysis.corpus.papers[p]!;
      stub = { kind: 'paper', label: paper.title, paperId: paper.id, title: paper.title, sources: [] };
      this.paperStubs[p] = stub;
    }
    return stub;
  }

  private authorStub(a: number): AuthorNodeAttributes {
    this.authorStubs ??= new Array(this.analysis.corpus.authors.length);
    let stub = this.authorStubs[a];
    if (!stub) {
      stub = authorNodeAttributes(this.analysis.corpus.authors[a]!);
      this.authorStubs[a] = stub;
    }
    return stub;
  }

  *nodeEntriesOfKind(kind: NodeKind): Generator<{ node: string; attributes: NodeAttributes }> {
    const { paperCount, authorCount } = this.analysis.index;
    if (kind === 'paper')
      for (let p = 0; p < paperCount; p++)
        yield { node: this.paperKey(p), attributes: this.paperAttributes(p) };
    if (kind === 'author')
      for (let a = 0; a < authorCount; a++)
        yield { node: this.authorKey(a), attributes: this.authorAttributes(a) };
    if (kind === 'reference')
      for (let r = 0; r < this.analysis.citations.referenceCount; r++)
        yield { node: this.referenceKey(r), attributes: this.referenceAttributes(r) };
    if (kind !== 'paper' && kind !== 'author' && kind !== 'reference') {
      const map = this.analysis.maps[MAP_OF_ITEM_KIND[kind]];
      if (map)
        for (let node = 0; node < map.kept.length; node++)
          yield { node: mapItemKey(map, node), attributes: mapItemAttributes(map, node) };
    }
  }

  *edgeEntries(): Generator<ReadableEdgeEntry> {
    for (const kind of EDGE_ORDER) yield* this.edgeEntriesOfKind(kind);
  }

  /** The ends of the cited-works maps: corpus papers, then external works. */
  private citedEnds(): MapEnds {
    const papers = this.analysis.index.paperCount;
    return {
      key: (v) => (v < papers ? this.paperKey(v) : this.referenceKey(v - papers)),
      stub: (v) => (v < papers ? this.paperStub(v) : this.referenceStub(v - papers)),
    };
  }

  *edgeEntriesOfKind(kind: EdgeKind): Generator<ReadableEdgeEntry> {
    if (kind === 'authored' || kind === 'coauthor' || kind === 'similar') yield* this.layerEntries(kind);
    else if (kind === 'cites' || kind === 'mentions') yield* this.citationEdges(kind);
    else if (kind === 'cocitation' && this.analysis.maps.cocitation)
      yield* mapEdges(this.analysis.maps.cocitation, this.citedEnds());
    else if (kind === 'coupling' && this.analysis.maps.coupling)
      yield* mapEdges(this.analysis.maps.coupling, {
        key: (p) => this.paperKey(p),
        stub: (p) => this.paperStub(p),
      });
    else {
      const name = MAP_LAYERS.find((layer) => MAP_EDGE_KINDS[layer] === kind);
      const map = name ? this.analysis.maps[name] : undefined;
      if (!map) return;
      // The map's items are numbered by kept position through nodeOf; their keys and attributes come from it.
      yield* mapEdges(map, {
        key: (item) => mapItemKey(map, map.nodeOf[item]!),
        stub: (item) => mapItemAttributes(map, map.nodeOf[item]!),
      });
    }
  }

  /** A layer's edges (layer-edges.ts) with their ends' stub attributes. */
  private *layerEntries(kind: LayerEdgeKind): Generator<ReadableEdgeEntry> {
    const authorSource = kind !== 'similar';
    const authorTarget = kind === 'coauthor';
    for (const { edge, attributes, source, target, undirected, from, to } of layerEdges(
      this.layerEdgeData(),
      kind,
    ))
      yield {
        edge,
        attributes,
        source,
        target,
        sourceAttributes: authorSource ? this.authorStub(from) : this.paperStub(from),
        targetAttributes: authorTarget ? this.authorStub(to) : this.paperStub(to),
        undirected,
      };
  }

  /** Paper p's citation arc `arc` as an edge: `cites` to a paper, `mentions` to an external work. */
  private citationEdge(p: number, arc: number, sourceAttributes: NodeAttributes): ReadableEdgeEntry {
    const { corpus, citations } = this.analysis;
    const cited = citations.graph.targets[arc]!;
    const isPaper = cited < citations.paperCount;
    const r = cited - citations.paperCount;
    const attributes: EdgeAttributes = {
      kind: isPaper ? 'cites' : 'mentions',
      weight: 1,
      origin: CITATION_ORIGINS[citations.origin[arc]!],
    };
    const context = citations.context.get(arc);
    if (context) attributes.context = context;
    const citedId = isPaper ? corpus.papers[cited]!.id : citations.referenceId(r);
    return {
      edge: `${attributes.kind}:${corpus.papers[p]!.id}->${citedId}`,
      attributes,
      source: this.paperKey(p),
      target: isPaper ? this.paperKey(cited) : `ref:${citedId}`,
      sourceAttributes,
      targetAttributes: isPaper ? this.paperStub(cited) : this.referenceStub(r),
      undirected: false,
    };
  }

  private *citationEdges(kind: 'cites' | 'mentions'): Generator<ReadableEdgeEntry> {
    const { targets, offsets } = this.analysis.citations.graph;
    const papers = this.analysis.citations.paperCount;
    for (let p = 0; p < papers; p++) {
      const sourceAttributes = this.paperStub(p);
      for (let arc = offsets[p]!, end = offsets[p + 1]!; arc < end; arc++)
        if (targets[arc]! < papers === (kind === 'cites')) yield this.citationEdge(p, arc, sourceAttributes);
    }
  }

  forEachEdge(callback: EdgeCallback): void {
    for (const entry of this.edgeEntries())
      callback(
        entry.edge,
        entry.attributes,
        entry.source,
        entry.target,
        entry.sourceAttributes,
        entry.targetAttributes,
        entry.undirected,
      );
  }

  forEachOutEdge(node: string, callback: EdgeCallback): void {
    const position = this.indexOf(node);
    const { corpus, index } = this.analysis;
    if (position === undefined || position >= index.paperCount + index.authorCount) return;
    if (position < index.paperCount) {
      this.forEachCitationOf(position, callback);
      return;
    }
    const a = position - index.paperCount;
    const sourceAttributes = this.authorAttributes(a);
    for (let i = index.authorOffsets[a]!; i < index.authorOffsets[a + 1]!; i++) {
      const p = index.authorPapers[i]!;
      callback(
        `authored:${corpus.authors[a]!.id}->${corpus.papers[p]!.id}`,
        { kind: 'authored', weight: 1 },
        node,
        this.paperKey(p),
        sourceAttributes,
        this.paperAttributes(p),
        false,
      );
    }
  }

  /** Paper p's `cites` and `mentions` edges, with both ends' full attributes. */
  private forEachCitationOf(p: number, callback: EdgeCallback): void {
    const { offsets, targets } = this.analysis.citations.graph;
    const papers = this.analysis.citations.paperCount;
    const sourceAttributes = this.paperAttributes(p);
    for (let arc = offsets[p]!, end = offsets[p + 1]!; arc < end; arc++) {
      const entry = this.citationEdge(p, arc, sourceAttributes);
      const cited = targets[arc]!;
      const targetAttributes =
        cited < papers ? this.paperAttributes(cited) : this.referenceAttributes(cited - papers);
      callback(
        entry.edge,
        entry.attributes,
        entry.source,
        entry.target,
        sourceAttributes,
        targetAttributes,
        false,
      );
    }
  }
}
