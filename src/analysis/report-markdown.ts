import { authorIdentityMarkdown } from './author-identity-report.ts';
import { citedPapersMarkdown, impactMarkdown } from './impact/impact-markdown.ts';
import { mapsMarkdown } from './maps/markdown.ts';
import { fixed, inert, table } from './markdown-table.ts';
import type { AnalysisReport, LayerReport } from './report.ts';

/** Extra facts about the run that only the Node shell knows (checksums, library versions). */
export interface RunProvenance {
  inputs: {
    file: string;
    sha256: string;
    bytes: number;
    format: string;
    records: number;
    /** Records the reader could not keep (a key other than `skipped`, which marks analysis steps not run). */
    skippedRecords: number;
    /** Errors, warnings and notes about the file (on stderr and in corpus.json). */
    diagnostics: number;
  }[];
  versions: Record<string, string>;
  command: string;
}

/** Node key → readable label, for member lists. */
type LabelOf = (node: string) => string;

function layerSection(
  title: string,
  layer: LayerReport,
  memberNoun: string,
  labelOf: LabelOf,
  method = 'Louvain',
): string {
  const parts = [`## ${title}`, ''];
  parts.push(
    `${method} at resolution ${layer.resolution}: ${layer.communities.length} communities, modularity ${fixed(layer.modularity)}; ${layer.unassigned} ${memberNoun} in none (no link in this layer).`,
    '',
  );
  parts.push(
    table(
      ['id', 'label', 'size', 'members (most central first)'],
      layer.communities
        .slice(0, 30)
        .map((community) => [
          community.id,
          community.label,
          community.size,
          community.members.slice(0, 8).map(labelOf).join('; ') + (community.members.length > 8 ? '; …' : ''),
        ]),
    ),
  );
  if (layer.communities.length > 30)
    parts.push('', `(${layer.communities.length - 30} smaller communities in report.json)`);
  if (layer.sweep !== 'off') {
    parts.push(
      '',
      'Resolution sweep:',
      '',
      table(
        ['resolution', 'communities', 'modularity'],
        layer.sweep.map((point) => [point.resolution, point.communities, fixed(point.modularity)]),
      ),
    );
  }
  if (layer.stability !== 'off') {
    const stability = layer.stability;
    parts.push(
      '',
      `Stability across ${stability.seeds} other seeds: pairs of the same community stay together in ${fixed(stability.meanPairStability * 100, 1)}% of runs on average; modularity ${fixed(stability.modularity.min)} to ${fixed(stability.modularity.max)} (median ${fixed(stability.modularity.median)}).`,
    );
  }
  if (layer.diagnostics !== 'off')
    parts.push(
      '',
      layer.diagnostics.graph === 'whole'
        ? `The sweep and the stability ran on the whole layer (${layer.diagnostics.nodes} nodes).`
        : `The sweep and the stability ran on the graph of the first Louvain level (${layer.diagnostics.nodes} groups of nodes), as the layer is large; pairs are counted over the layer's own nodes.`,
    );
  return parts.join('\n');
}

/** The human-readable report: the same facts as report.json, as Markdown tables. */
export function renderMarkdownReport(
  report: AnalysisReport,
  labelOf: LabelOf,
  provenance?: RunProvenance,
): string {
  const { summary, coauthorship, citations, tables } = report;
  const parts: string[] = ['# citegraph report', ''];
  parts.push(
    `${summary.papers} papers, ${summary.authors} authors (${summary.persons} persons, ${summary.groups} groups), ${summary.references} external references.`,
    '',
    table(
      ['edge kind', 'edges'],
      Object.entries(summary.edges).map(([kind, count]) => [kind, count]),
    ),
    '',
    '## Co-authorship',
    '',
    `Weight: ${coauthorship.weight === 'count' ? 'joint paper count' : "Newman's fractional weight (each paper of n authors adds 1/(n-1) per pair)"}.`,
    `Papers with more than ${coauthorship.maxAuthorsPerPaper} authors are left out of the co-authorship layer: ${coauthorship.cappedPapers.length} left out.`,
  );
  for (const paper of coauthorship.cappedPapers)
    parts.push(`- ${inert(paper.title)} (${paper.authors} authors)`);
  parts.push(
    '',
    `Connected components: ${coauthorship.components.count}; the largest holds ${coauthorship.components.largest} authors (${fixed(coauthorship.components.largestShare * 100, 1)}% of all authors); ${coauthorship.components.isolated} authors have no co-author in the layer. Betweenness: ${coauthorship.betweenness.method === 'exact' ? 'exact (Brandes)' : `estimated from ${coauthorship.betweenness.pivots} seeded random pivots (Brandes–Pich)`}, normalised.`,
    '',
    layerSection(
      'Collaborator groups',
      report.collaboration,
      'authors',
      labelOf,
      report.options.collaborationClustering === 'leiden' ? 'Leiden' : 'Louvain',
    ),
    '',
    layerSection('Themes', report.themes, 'papers', labelOf),
    '',
    '## Citations',
    '',
    `${citations.fromReferenceLists} from reference lists, ${citations.fromAbstracts} mined from abstracts; ${citations.resolvedInCorpus} point to papers of the corpus, ${citations.external} to external references. PageRank walks ${citations.pagerank}.`,
    '',
    '## Tables',
    '',
    '### Most productive authors',
    '',
    table(
      ['author', 'papers'],
      tables.mostProductiveAuthors.map((row) => [row.name, row.papers]),
    ),
    '',
    '### Most connected authors',
    '',
    table(
      ['author', 'co-authors', 'weighted degree'],
      tables.mostConnectedAuthors.map((row) => [row.name, row.coauthors, row.weightedDegree]),
    ),
    '',
    '### Most central authors (betweenness)',
    '',
    table(
      ['author', 'betweenness'],
      tables.mostCentralAuthors.map((row) => [row.name, fixed(row.betweenness, 4)]),
    ),
    '',
    '### Authors bridging collaborator groups',
    '',
    table(
      ['author', 'other groups linked'],
      tables.bridgingAuthors.map((row) => [row.name, row.communities]),
    ),
    '',
    '### Most mentioned references',
    '',
    table(
      ['reference', 'mentions'],
      tables.mostMentionedReferences.map((row) => [row.text, row.mentions]),
    ),
    '',
    citedPapersMarkdown(report.impact),
    '',
    '### Papers bridging themes',
    '',
    table(
      ['paper', 'other themes linked'],
      tables.bridgingPapers.map((row) => [row.title, row.themes]),
    ),
    '',
    '### Papers per year',
    '',
    table(
      ['year', 'papers'],
      tables.papersPerYear.map((row) => [row.year, row.papers]),
    ),
    '',
    '### Team sizes',
    '',
    table(
      ['authors', 'papers'],
      tables.teamSizes.map((row) => [row.authors, row.papers]),
    ),
  );
  parts.push('', impactMarkdown(report.impact));
  if (report.maps) parts.push(mapsMarkdown(report.maps));
  if (report.homonyms.length > 0) {
    parts.push(
      '',
      '## Possible homonyms',
      '',
      'One name whose papers fall into groups that share no co-author and no theme. If they are different people, split them with a thesaurus rule (`name<TAB>new name<TAB>title contains`).',
      ...(report.homonymCandidates > report.homonyms.length
        ? [
            '',
            `${report.homonymCandidates} names in all; the ${report.homonyms.length} with the most papers are listed here and in report.json.`,
          ]
        : []),
      '',
    );
    for (const candidate of report.homonyms) {
      parts.push(
        `- **${inert(candidate.name)}**: ${candidate.groups.map((group) => `${group.papers.length} paper(s) with ${group.coauthors.length} co-author(s) (${inert(group.papers[0] ?? '')}${group.papers.length > 1 ? ', …' : ''})`).join('; ')}`,
      );
    }
  }
  parts.push(...authorIdentityMarkdown(report));
  if (report.timeline !== 'off') {
    parts.push(
      '',
      '## Collaborator groups over time',
      '',
      'The network as it stood at the end of each year; groups linked to the year before by shared members.',
      '',
    );
    parts.push(
      table(
        ['year', 'authors', 'groups', 'born', 'grew', 'merged', 'split'],
        report.timeline.map((slice) => {
          const count = (event: string): number =>
            slice.communities.filter((community) => community.event === event).length;
          return [
            slice.year,
            slice.authors,
            slice.communities.length,
            count('born'),
            count('grew'),
            count('merged'),
            count('split'),
          ];
        }),
      ),
    );
  }
  parts.push(
    '',
    '## Reproducing this run',
    '',
    `Seed ${report.options.seed}; layout ${report.layout === 'off' ? 'off' : report.layout.method === 'coarse' ? `community-first (ForceAtlas2, ${report.layout.iterations} iterations on the community graph)` : `${report.layout.iterations} ForceAtlas2 iterations`}.`,
  );
  if (provenance) {
    parts.push(
      '',
      `Command: ${inert(provenance.command)}`,
      '',
      table(
        ['input', 'format', 'records', 'skipped', 'diagnostics', 'bytes', 'sha256'],
        provenance.inputs.map((input) => [
          input.file,
          input.format,
          input.records,
          input.skippedRecords,
          input.diagnostics,
          input.bytes,
          input.sha256,
        ]),
      ),
    );
    parts.push('', table(['library', 'version'], Object.entries(provenance.versions)));
  }
  return `${parts.join('\n')}\n`;
}
