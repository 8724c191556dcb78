/**
 * The analysis of src/analysis on the ingested listing corpus (artifact 'corpus-json') and its
 * built graph ('built-graph'). Loading the cached input is not timed (it is in the note); what is
 * timed is the call the pipeline makes.
 */
import { detectCommunities, projectLayer } from '../../../src/analysis/communities.ts';
import { iterationBudget, layoutGraph } from '../../../src/analysis/layout.ts';
import { assignCitationPagerank, DEFAULT_METRICS_OPTIONS } from '../../../src/analysis/metrics.ts';
import { analyze, DEFAULT_ANALYZE_OPTIONS } from '../../../src/analysis/pipeline.ts';
import { buildGraph } from '../../../src/graph/build.ts';
import { seededRandom } from '../../../src/util/random.ts';
import { since, timedCorpus, timedGraph } from '../graphs.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';

/**
 * The graphology analysis (and its corpus.json / graph.json artifacts, single V8 strings) stops
 * being the path above 200k papers: `citegraph analyze` switches to the compact analysis, benched
 * in compact.ts. These rows stop at 100k.
 */
export const GRAPHOLOGY_MAX_PAPERS = 100_000;

defineSteps(
  {
    name: 'analyze: build graphs',
    maxPapers: GRAPHOLOGY_MAX_PAPERS,
    group: 'analyze',
    unit: 'edges',
    needs: ['corpus-json'],
    // Issue target: building the co-authorship graph within 2x of loading the same edge list.
    baseline: 'floor: edge list → typed arrays',
    maxRuns: onceAbove10k,
    run({ files }) {
      const { corpus, loadSeconds } = timedCorpus(files['corpus-json']!);
      const started = performance.now();
      const { graph } = buildGraph(corpus);
      const seconds = since(started);
      let coauthor = 0;
      graph.forEachEdge((_edge, attributes) => {
        if (attributes.kind === 'coauthor') coauthor++;
      });
      return {
        items: graph.size,
        seconds,
        note: `target ≤2x; all layers, ${coauthor} coauthor edges; load corpus ${loadSeconds.toFixed(1)} s`,
      };
    },
  },
  {
    name: 'analyze: louvain (co-authorship layer)',
    maxPapers: GRAPHOLOGY_MAX_PAPERS,
    group: 'analyze',
    unit: 'edges',
    needs: ['built-graph'],
    baseline: 'louvain: igraph',
    maxRuns: onceAbove10k,
    async run({ files }) {
      const { graph, loadSeconds } = await timedGraph(files['built-graph']!);
      const projected = performance.now();
      const layer = projectLayer(graph, 'coauthor', 'author');
      const projectSeconds = since(projected);
      const started = performance.now();
      const partition = detectCommunities(layer, {
        resolution: DEFAULT_ANALYZE_OPTIONS.collaborationResolution,
        seed: DEFAULT_ANALYZE_OPTIONS.seed,
      });
      return {
        items: layer.size,
        seconds: since(started),
        modularity: partition.modularity,
        communities: partition.count,
        note: `target <10 s at 100k; project ${projectSeconds.toFixed(1)} s, load ${loadSeconds.toFixed(1)} s`,
      };
    },
  },
  {
    name: 'analyze: pagerank',
    maxPapers: GRAPHOLOGY_MAX_PAPERS,
    group: 'analyze',
    unit: 'edges',
    needs: ['built-graph'],
    maxRuns: onceAbove10k,
    async run({ files }) {
      const { graph, loadSeconds } = await timedGraph(files['built-graph']!);
      const started = performance.now();
      const edges = assignCitationPagerank(graph, DEFAULT_METRICS_OPTIONS);
      return {
        items: edges,
        seconds: since(started),
        // The listing format has no reference lists: citations are the ones mined from abstracts.
        note: `citation layer (${graph.order} nodes incl. authors' papers); load ${loadSeconds.toFixed(1)} s`,
      };
    },
  },
  {
    name: 'analyze: layout',
    group: 'analyze',
    unit: 'nodes',
    needs: ['built-graph'],
    maxRuns: 1,
    // About a minute at 100k papers (30 iterations on 160k nodes): out of the default budget.
    maxPapers: 10_000,
    async run({ files }) {
      const { graph, loadSeconds } = await timedGraph(files['built-graph']!);
      const started = performance.now();
      const iterations = layoutGraph(graph, seededRandom(DEFAULT_ANALYZE_OPTIONS.seed));
      return {
        items: graph.order,
        seconds: since(started),
        note: `ForceAtlas2 ${iterations} it. (default budget ${iterationBudget(graph.order)}) on the built graph (no theme edges); load ${loadSeconds.toFixed(1)} s`,
      };
    },
  },
  {
    name: 'analyze: full pipeline',
    group: 'analyze',
    unit: 'papers',
    needs: ['corpus-json'],
    maxRuns: 1,
    // About 5 minutes at 100k papers on the 2-core bench machine: out of the default run's budget.
    maxPapers: 10_000,
    run({ files }) {
      const { corpus } = timedCorpus(files['corpus-json']!);
      // Each progress call starts a phase: the slowest phases go in the note.
      const phases: [string, number][] = [];
      let phase = '';
      let last = performance.now();
      const started = last;
      const { graph } = analyze(corpus, {
        onProgress: (step) => {
          const now = performance.now();
          if (phase) phases.push([phase, (now - last) / 1000]);
          phase = step;
          last = now;
        },
      });
      const seconds = since(started);
      const slowest = phases
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, time]) => `${name} ${time.toFixed(1)}`)
        .join(', ');
      return {
        items: corpus.papers.length,
        seconds,
        note: `${graph.order} nodes, ${graph.size} edges; slowest: ${slowest} s; 1 run`,
      };
    },
  },
);
