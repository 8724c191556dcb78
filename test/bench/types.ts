/**
 * The benchmark step interface. A step is one timed operation at one corpus size; the harness
 * runs it in a fresh Node process per run (so peak RSS is the step's own), takes the median time
 * of several runs and prints one table.
 *
 * Adding a step: one new file in test/bench/steps/ that calls `defineSteps(...)`, plus one
 * `import './your-file.ts';` line in test/bench/steps/index.ts.
 */

/**
 * Input files the harness prepares (and caches under .bench/data/) before a step runs. The
 * generated files come from src/generate ('edges' is what `citegraph generate --edges` writes);
 * the derived ones are made from them by derive.ts:
 * - 'analysed-graph': the graph.json `citegraph analyze` writes for the listing;
 * - 'data-graph': the graph.json of `citegraph analyze data/pages` (the same at every size);
 * - 'web-graph': test/e2e/generate-graph.ts's analysed graph with as many nodes as papers.
 */
export type Artifact =
  | 'listing'
  | 'topic-listing'
  | 'openalex-jsonl'
  | 'bibtex'
  | 'edges'
  | 'analysed-graph'
  | 'data-graph'
  | 'web-graph';

/** The in-process Neo4j the harness starts once for steps that declare `neo4j: true`. */
export interface Neo4jServer {
  uri?: string;
  user?: string;
  password?: string;
  /** Why there is no server ('java is not installed'): those steps report 'missing'. */
  missing?: string;
}

export interface StepContext {
  /** Corpus size in papers. */
  papers: number;
  seed: number;
  /** Paths of the prepared artifacts the step asked for in `needs`. */
  files: Partial<Record<Artifact, string>>;
  /** A directory the step may write to; emptied after each run. */
  scratchDir: string;
  /** The Python of .bench/venv, when it exists. */
  python?: string;
  /** Peer packages that import in that Python ('igraph', 'networkit', 'networkx'). */
  peers: string[];
  /** Set for steps with `neo4j: true`. */
  neo4j?: Neo4jServer;
}

export interface StepResult {
  /** Units processed (papers, lines, edges, nodes), for the throughput column. */
  items: number;
  bytes?: number;
  /** Self-timed seconds (e.g. the algorithm without loading); default: the wall time of run(). */
  seconds?: number;
  /** Peak RSS measured elsewhere (a spawned peer process); default: this process's max RSS. */
  peakRssBytes?: number;
  /** Modularity for community steps. */
  modularity?: number;
  communities?: number;
  /** 'missing' (a peer that could not be installed) and 'skipped' rows still appear in the table. */
  status?: 'ok' | 'missing' | 'skipped' | 'failed';
  note?: string;
  /**
   * Phases timed inside this run, each printed as its own row under the step (same process, so
   * the step's peak RSS): a million-paper pipeline is loaded once, not once per row.
   */
  phases?: StepPhase[];
}

export interface StepPhase {
  step: string;
  seconds: number;
  items: number;
  unit: string;
  baseline?: string;
  modularity?: number;
  communities?: number;
  note?: string;
}

/** A goal from an issue, printed beside the row as information (never a pass/fail). */
export interface StepTarget {
  /** At most this many times the baseline's median. */
  ratio?: number;
  /** Peak RSS under this many bytes. */
  peakBytes?: number;
}

export interface BenchStep {
  /** Unique, shown in the table: 'louvain: igraph', 'floor: read+split listing'. */
  name: string;
  /** Table section: 'generate', 'floor', 'ingest', 'louvain', 'pagerank', … */
  group: string;
  /** What `items` counts, for the throughput column ('papers', 'lines', 'edges'). */
  unit: string;
  needs?: Artifact[];
  /** Not run above this many papers (reported as skipped). */
  maxPapers?: number;
  /** Not run below this many papers (reported as skipped): scale-only steps outside the default run. */
  minPapers?: number;
  /** At most this many runs whatever --runs says (very slow steps); a function decides per size. */
  maxRuns?: number | ((papers: number) => number);
  /** Needs the in-process Neo4j (started once per bench when such a step runs). */
  neo4j?: boolean;
  /** Another step's name: the table prints this step's time / that step's time. */
  baseline?: string;
  /** More steps to compare with; their ratios go in the note. */
  compareWith?: string[];
  /** The target at a size, if there is one. */
  target?: (papers: number) => StepTarget | undefined;
  run(context: StepContext): Promise<StepResult> | StepResult;
}
