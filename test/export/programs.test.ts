/**
 * Every export opened in the program it is for, as a user would, and compared with graph.json:
 * Gephi (GEXF), networkx and igraph (GEXF, GraphML, Pajek), VOSviewer Online's reader (VOSviewer
 * JSON). Two graphs: data/'s, and a generated 2,000-paper corpus, both analysed by the CLI.
 * The programs come from test/export-programs/install.sh; a missing one skips its tests with the
 * reason (CI=true: they fail).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToRgb, scalarAttributes, stripXmlInvalid } from '../../src/export/attributes.ts';
import { writeCsv } from '../../src/export/csv.ts';
import { planExport } from '../../src/export/file-plan.ts';
import { writeGexf, writeGexfStream } from '../../src/export/gexf.ts';
import { writeGraphml } from '../../src/export/graphml.ts';
import {
  EXPORT_LAYERS,
  type ExportLayer,
  LAYER_SPECS,
  layerEdges,
  layerNodes,
} from '../../src/export/layers.ts';
import { writePajek } from '../../src/export/pajek.ts';
import { VOSVIEWER_LIMITS, vosviewerExport } from '../../src/export/vosviewer.ts';
import type { EdgeAttributes, NodeAttributes } from '../../src/model/graph-schema.ts';
import {
  type GephiImport,
  gephiImport,
  type PythonFormat,
  type PythonLibrary,
  type PythonRead,
  preparePrograms,
  pythonRead,
  vosviewerRead,
} from '../export-programs/programs.ts';
import { repoRoot } from '../helpers/paths.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { vosviewerRuleViolations } from './vosviewer-rules.ts';

type AnalysedGraph = Graph<NodeAttributes, EdgeAttributes>;

const programs = preparePrograms();
const CLI = path.join(repoRoot, 'src/cli/citegraph.mjs');
const skipped = (reason: string | undefined) => (reason ? ` (skipped: ${reason})` : '');
/** The programs run in the background from beforeAll; a test waits for its program's answer. */
const PROGRAM_WAIT = { timeout: 300_000 };

let dir: string;
const graphs: Record<'data' | 'generated', AnalysedGraph> = {} as never;

/** `citegraph …` as a user runs it from a shell; fails the setup with its stderr. */
function citegraph(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 1 << 26 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`citegraph ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

/** `citegraph analyze`; the graph.json it writes, read back. */
async function analyse(inputs: string[], output: string): Promise<AnalysedGraph> {
  await citegraph(['analyze', ...inputs, '-o', output, '-q']);
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  graph.import(JSON.parse(readFileSync(path.join(output, 'graph.json'), 'utf8')));
  return graph;
}

/** Files written for one graph, by format and layer file. */
interface Written {
  gexf: { document: string; streamed: string; dynamic: string; cli?: string };
  layerFiles: { format: 'graphml' | 'pajek' | 'gexf'; layer: ExportLayer; file: string }[];
}
const written: Record<keyof typeof graphs, Written> = {} as never;

/**
 * data/'s graph gets every GEXF variant and GEXF per layer; the generated one the GEXF that
 * `citegraph export` writes at its size (the document writer) and the GraphML and Pajek layer files.
 */
async function writeFiles(name: keyof typeof graphs, graph: AnalysedGraph): Promise<Written> {
  const every = name === 'data';
  const out = path.join(dir, name);
  mkdirSync(out, { recursive: true });
  const gexf = {
    document: path.join(out, 'graph.gexf'),
    streamed: path.join(out, 'graph.stream.gexf'),
    dynamic: path.join(out, 'graph.dynamic.gexf'),
  };
  writeFileSync(gexf.document, writeGexf(graph));
  if (every) {
    const chunks: string[] = [];
    await writeGexfStream(graph, (chunk) => {
      chunks.push(chunk);
    });
    writeFileSync(gexf.streamed, chunks.join(''));
    writeFileSync(gexf.dynamic, writeGexf(graph, { dynamic: true }));
  }
  const layerFiles: Written['layerFiles'] = [];
  for (const format of ['graphml', 'pajek'] as const) {
    const plan = planExport(graph, format, 'all', path.join(out, `graph.${format}`));
    for (const file of plan.files) {
      writeFileSync(
        file.path,
        format === 'graphml'
          ? writeGraphml(graph, { layer: file.layer })
          : writePajek(graph, { layer: file.layer }),
      );
      layerFiles.push({ format, layer: file.layer, file: file.path });
    }
  }
  for (const layer of EXPORT_LAYERS.filter((l) => every && LAYER_SPECS[l].type !== 'mixed')) {
    const file = path.join(out, `graph.${layer}.gexf`);
    writeFileSync(file, writeGexf(graph, { layer }));
    layerFiles.push({ format: 'gexf', layer, file });
  }
  return { gexf, layerFiles };
}

let gephiRun: Promise<GephiImport[]> | undefined;
let pythonRun: Promise<PythonRead[]> | undefined;
const pythonRequests: {
  library: PythonLibrary;
  format: PythonFormat;
  file: string;
  layer: ExportLayer;
  graph: keyof typeof graphs | 'hostile';
}[] = [];
const HOSTILE_LABELS = [
  'ends with a backslash\\',
  'two \\\\ backslashes',
  'a "quoted" name',
  'tab\tand émoji 🧮',
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'citegraph-programs-'));
  const corpus = path.join(dir, 'generated-2000.jsonl');
  // The two analyses run side by side, each graph's files written as soon as it is there.
  const data = analyse([path.join(repoRoot, 'data/pages')], path.join(dir, 'analysis-data')).then(
    async (graph) => {
      graphs.data = graph;
      written.data = await writeFiles('data', graph);
    },
  );
  const generated = citegraph(['generate', '--papers', '2000', '--format', 'openalex-jsonl', '-o', corpus])
    .then(() => analyse([corpus], path.join(dir, 'analysis-generated')))
    .then(async (graph) => {
      graphs.generated = graph;
      written.generated = await writeFiles('generated', graph);
    });
  // The export command as a user runs it, for Gephi.
  const cliGexf = path.join(dir, 'cli.gexf');
  const exported = data.then(() =>
    citegraph(['export', path.join(dir, 'analysis-data/graph.json'), '-f', 'gexf', '-o', cliGexf, '-q']),
  );
  await Promise.all([data, generated, exported]);
  written.data.gexf.cli = cliGexf;

  // Gephi and Python run side by side.
  if (!programs.skip.gephi) {
    const { data, generated } = written;
    // A program missing on CI rejects here and fails its own tests, not the setup.
    gephiRun = Promise.resolve().then(() =>
      gephiImport([
        data.gexf.document,
        data.gexf.streamed,
        data.gexf.dynamic,
        cliGexf,
        generated.gexf.document,
      ]),
    );
    gephiRun.catch(() => {});
  }
  if (!programs.skip.python) {
    for (const name of ['data', 'generated'] as const) {
      for (const { format, layer, file } of written[name].layerFiles) {
        // networkx reads GEXF; igraph has no GEXF reader. The generated graph: GraphML and Pajek.
        if (format === 'gexf' && name === 'generated') continue;
        for (const library of ['networkx', 'igraph'] as const) {
          if (library === 'igraph' && format === 'gexf') continue;
          pythonRequests.push({ library, format, file, layer, graph: name });
        }
      }
    }
    pythonRequests.push({
      library: 'networkx',
      format: 'gexf',
      file: written.data.gexf.document,
      layer: 'all',
      graph: 'data',
    });
    // Labels that quoting gets wrong: networkx reads Pajek vertex lines with shell quoting.
    const hostile = sampleAnalysedGraph();
    HOSTILE_LABELS.forEach((label, i) => {
      hostile.mergeNodeAttributes(hostile.filterNodes((_n, a) => a.kind === 'author')[i] ?? '', { label });
    });
    const hostileFile = path.join(dir, 'hostile.coauthorship.pajek');
    writeFileSync(hostileFile, writePajek(hostile, { layer: 'coauthorship' }));
    for (const library of ['networkx', 'igraph'] as const)
      pythonRequests.push({ library, format: 'pajek', file: hostileFile, layer: 'all', graph: 'hostile' });
    pythonRun = Promise.resolve().then(() => pythonRead(pythonRequests));
    pythonRun.catch(() => {});
  }
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const close = (a: number | null | undefined, b: number | undefined, relative = 1e-5) =>
  a !== null && a !== undefined && b !== undefined && Math.abs(a - b) <= relative * Math.max(1, Math.abs(b));

/** What Gephi holds, compared with graph.json: counts, directions, weights, viz and attributes. */
function expectGephiHoldsGraph(
  imported: GephiImport,
  graph: AnalysedGraph,
  options: { attributes: boolean },
) {
  const problems = imported.issues.filter((issue) => issue.level === 'SEVERE' || issue.level === 'WARNING');
  expect(problems.slice(0, 5), `${problems.length} Gephi issues`).toEqual([]);
  expect([imported.nodes, imported.edges, imported.directed, imported.undirected]).toEqual([
    graph.order,
    graph.size,
    graph.directedSize,
    graph.undirectedSize,
  ]);
  const mismatches: string[] = [];
  for (const edge of imported.edgeList) {
    if (!graph.hasEdge(edge.id)) {
      mismatches.push(`edge ${edge.id} not in graph.json`);
      continue;
    }
    const attributes = graph.getEdgeAttributes(edge.id);
    const [source, target] = graph.extremities(edge.id);
    const sameEnds =
      (edge.source === source && edge.target === target) ||
      (!edge.directed && edge.source === target && edge.target === source);
    if (!sameEnds || edge.directed !== graph.isDirected(edge.id) || edge.kind !== attributes.kind)
      mismatches.push(
        `edge ${edge.id}: ${edge.source}→${edge.target} directed=${edge.directed} kind=${edge.kind}`,
      );
    if (!close(edge.weight, attributes.weight))
      mismatches.push(`edge ${edge.id}: weight ${edge.weight} ≠ ${attributes.weight}`);
    if (options.attributes)
      for (const [name, value] of Object.entries(scalarAttributes(attributes, new Set(['weight'])))) {
        if (!sameValue(edge.attributes[name.toLowerCase()], value))
          mismatches.push(`edge ${edge.id}: ${name}`);
      }
  }
  for (const node of imported.nodeList) {
    if (!graph.hasNode(node.id)) {
      mismatches.push(`node ${node.id} not in graph.json`);
      continue;
    }
    const attributes = graph.getNodeAttributes(node.id);
    if (node.label !== stripXmlInvalid(attributes.label))
      mismatches.push(`node ${node.id}: label ${node.label}`);
    const rgb = hexToRgb(attributes.color);
    if (rgb && node.color.join() !== [rgb.r, rgb.g, rgb.b].join())
      mismatches.push(`node ${node.id}: colour ${node.color}`);
    if (options.attributes) {
      const skip = new Set(['label', 'x', 'y', 'size', 'color']);
      for (const [name, value] of Object.entries(scalarAttributes(attributes, skip))) {
        if (value === '') continue; // GEXF writes no attvalue for an empty string
        if (!sameValue(node.attributes[name.toLowerCase()], value))
          mismatches.push(
            `node ${node.id}: ${name} ${JSON.stringify(node.attributes[name.toLowerCase()])} ≠ ${JSON.stringify(value)}`,
          );
      }
    }
  }
  mismatches.push(...layoutMismatches(imported, graph));
  expect(mismatches.slice(0, 10), `${mismatches.length} mismatches`).toEqual([]);
}

/**
 * Gephi's import scales the layout by default (its DefaultScaler, "auto-scale" in the import
 * report): positions centred on their mean, then positions and sizes multiplied by one factor and
 * sizes shifted into its size range. So the test checks that one positive factor maps x, y and
 * size of every node onto what Gephi holds, up to float precision.
 */
function layoutMismatches(imported: GephiImport, graph: AnalysedGraph): string[] {
  const pairs = imported.nodeList.flatMap((node) => {
    const attributes = graph.hasNode(node.id) ? graph.getNodeAttributes(node.id) : undefined;
    return attributes && node.x !== null && node.y !== null && node.size !== null
      ? [
          {
            id: node.id,
            held: [node.x, node.y, node.size],
            written: [attributes.x, attributes.y, attributes.size],
          },
        ]
      : [];
  });
  if (pairs.some((pair) => pair.written.some((value) => typeof value !== 'number')))
    return ['a node without x, y or size in graph.json'];
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const fits = [0, 1, 2].map((axis) => {
    const written = pairs.map((pair) => pair.written[axis] as number);
    const held = pairs.map((pair) => pair.held[axis] as number);
    const [mw, mh] = [mean(written), mean(held)];
    let covariance = 0;
    let variance = 0;
    written.forEach((w, i) => {
      covariance += (w - mw) * ((held[i] as number) - mh);
      variance += (w - mw) ** 2;
    });
    const factor = variance > 0 ? covariance / variance : Number.NaN; // all equal: no factor to compare
    const range = Math.max(...held) - Math.min(...held) || 1;
    const worst = Math.max(
      ...written.map((w, i) => Math.abs(mh + factor * (w - mw) - (held[i] as number)) / range),
    );
    return { factor, worst };
  });
  const [x, y, size] = fits as [(typeof fits)[0], (typeof fits)[0], (typeof fits)[0]];
  const problems: string[] = [];
  const differs = (a: number, b: number, tolerance: number) =>
    !Number.isNaN(a) && !Number.isNaN(b) && Math.abs(a - b) > tolerance * Math.abs(a);
  if (!(x.factor > 0) || differs(x.factor, y.factor, 1e-4) || differs(x.factor, size.factor, 1e-3))
    problems.push(`layout scaled unevenly: x ×${x.factor}, y ×${y.factor}, size ×${size.factor}`);
  for (const [name, fit] of Object.entries({ x, y, size }))
    if (fit.worst > 1e-4)
      problems.push(`${name} does not follow graph.json (worst deviation ${fit.worst} of its range)`);
  return problems;
}

function sameValue(held: unknown, value: string | number | boolean): boolean {
  if (typeof value === 'number') return typeof held === 'number' && close(held, value, 1e-6);
  if (typeof value === 'string') return held === stripXmlInvalid(value);
  return held === value;
}

describe.skipIf(programs.skip.vosviewer !== undefined)(
  `VOSviewer Online's reader${skipped(programs.skip.vosviewer)}`,
  () => {
    it('opens every layer of both graphs, with every item and link', PROGRAM_WAIT, async () => {
      for (const name of ['data', 'generated'] as const) {
        for (const layer of EXPORT_LAYERS) {
          // VOSviewer refuses a map of fewer items (the export says so in a note).
          if (
            LAYER_SPECS[layer].map &&
            [...layerNodes(graphs[name], layer)].length < VOSVIEWER_LIMITS.minItems
          )
            continue;
          const { map } = vosviewerExport(graphs[name], { layer });
          const read = await vosviewerRead(JSON.stringify(map));
          expect(read.error, `${name} ${layer}`).toBeNull();
          expect(read.mapData).toHaveLength([...layerNodes(graphs[name], layer)].length);
          expect(read.networkData).toHaveLength(map.network.links.length);
          expect(read.networkNodes).toBe(map.network.items.length);
          expect(vosviewerRuleViolations(map), `${name} ${layer}`).toEqual([]);
        }
      }
    });

    it('rejects what the export wrote before: weight keys missing on some items (the check can fail)', async () => {
      const { map } = vosviewerExport(graphs.data, { layer: 'all' });
      for (const item of map.network.items) {
        const weights = item.weights as Record<string, number>;
        if (item.label && weights.Documents === 1) delete weights.Documents;
      }
      const read = await vosviewerRead(JSON.stringify(map));
      expect(read.error?.message).toBe('Weights must be non-negative numbers.');
    });
  },
);

describe.skipIf(programs.skip.gephi !== undefined)(
  `Gephi (Gephi Toolkit 0.10.1)${skipped(programs.skip.gephi)}`,
  () => {
    const imported = async (file: string) => {
      const found = (await gephiRun)?.find((result) => result.file === file);
      if (!found) throw new Error(`Gephi did not report ${file}`);
      return found;
    };

    it(
      'opens the whole-graph GEXF of data/ with every node, edge, direction, weight, position, colour and attribute',
      PROGRAM_WAIT,
      async () => {
        expectGephiHoldsGraph(await imported(written.data.gexf.document), graphs.data, { attributes: true });
      },
    );

    it(
      'opens the streamed GEXF and the one `citegraph export` writes the same way',
      PROGRAM_WAIT,
      async () => {
        expectGephiHoldsGraph(await imported(written.data.gexf.streamed), graphs.data, { attributes: true });
        expectGephiHoldsGraph(await imported(written.data.gexf.cli ?? ''), graphs.data, {
          attributes: false,
        });
      },
    );

    it('opens the dynamic GEXF whole', PROGRAM_WAIT, async () => {
      expectGephiHoldsGraph(await imported(written.data.gexf.dynamic), graphs.data, { attributes: false });
    });

    it('opens the whole-graph GEXF of a generated 2,000-paper analysis whole', PROGRAM_WAIT, async () => {
      const graph = graphs.generated;
      expect(graph.directedSize).toBeGreaterThan(10_000);
      expect(graph.undirectedSize).toBeGreaterThan(10_000);
      expectGephiHoldsGraph(await imported(written.generated.gexf.document), graph, { attributes: true });
    });
  },
);

/** The edges a reader should hold for one layer file: `source|target|weight`, undirected ends sorted. */
function expectedEdges(graph: AnalysedGraph, layer: ExportLayer, nameOf: (key: string) => string): string[] {
  return [...layerEdges(graph, layer)]
    .map(({ source, target, undirected, attributes }) => {
      const ends = [nameOf(source), nameOf(target)];
      if (undirected) ends.sort();
      return `${ends.join('|')}|${Number(attributes.weight.toPrecision(6))}`;
    })
    .sort();
}

function heldEdges(read: PythonRead): string[] {
  return (read.edgeList ?? [])
    .map(([source, target, weight, directed]) => {
      const ends = [source, target];
      if (!directed) ends.sort();
      return `${ends.join('|')}|${weight === null ? 'none' : Number(weight.toPrecision(6))}`;
    })
    .sort();
}

/** Pajek files name nodes by label: the vertex list maps them back to graph keys, in layer order. */
function pajekNames(file: string, graph: AnalysedGraph, layer: ExportLayer): Map<string, string> {
  const keys = [...layerNodes(graph, layer)].map((node) => node.key);
  const names = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\r\n')) {
    const match = /^(\d+) "([^"]*)"/.exec(line);
    if (match) names.set(keys[Number(match[1]) - 1] ?? '', match[2] ?? '');
  }
  return names;
}

describe.skipIf(programs.skip.python !== undefined)(
  `networkx 3.6 and igraph 1.0${skipped(programs.skip.python)}`,
  () => {
    it(
      'read every layer file of GraphML, Pajek and GEXF with its direction, every node and every edge',
      PROGRAM_WAIT,
      async () => {
        const reads = (await pythonRun) ?? [];
        let checked = 0;
        for (const [i, request] of pythonRequests.entries()) {
          if (request.layer === 'all' || request.graph === 'hostile') continue;
          const read = reads[i];
          const label = `${request.library} ${request.format} ${request.graph} ${request.layer}`;
          expect(read?.ok, `${label}: ${read?.error}`).toBe(true);
          if (!read) continue;
          const graph = graphs[request.graph as keyof typeof graphs];
          const names =
            request.format === 'pajek' ? pajekNames(request.file, graph, request.layer) : undefined;
          const nameOf = (key: string) => names?.get(key) ?? key;
          expect(read.directed, label).toBe(LAYER_SPECS[request.layer].type === 'directed');
          expect(new Set(read.nodeNames), label).toEqual(
            new Set([...layerNodes(graph, request.layer)].map((n) => nameOf(n.key))),
          );
          expect(read.nodes, label).toBe([...layerNodes(graph, request.layer)].length);
          expect(read.edges, label).toBe([...layerEdges(graph, request.layer)].length);
          expect(heldEdges(read), label).toEqual(expectedEdges(graph, request.layer, nameOf));
          checked++;
        }
        // 4 layers × (GraphML, Pajek) × 2 libraries × 2 graphs, and networkx on data/'s GEXF layers,
        // plus the layers of the bibliometric maps each graph has.
        expect(checked).toBe(
          pythonRequests.filter((request) => request.layer !== 'all' && request.graph !== 'hostile').length,
        );
        expect(checked).toBeGreaterThanOrEqual(36);
      },
    );

    it(
      "hold all of data/'s edges across the layer files, and refuse the mixed GEXF loudly rather than lose edges",
      PROGRAM_WAIT,
      async () => {
        const reads = (await pythonRun) ?? [];
        const total = (library: PythonLibrary, format: PythonFormat) =>
          pythonRequests.reduce(
            (sum, request, i) =>
              request.graph === 'data' &&
              request.library === library &&
              request.format === format &&
              request.layer !== 'all'
                ? sum + (reads[i]?.edges ?? 0)
                : sum,
            0,
          );
        for (const library of ['networkx', 'igraph'] as const)
          for (const format of ['graphml', 'pajek'] as const)
            expect(total(library, format)).toBe(graphs.data.size);
        const mixed = reads[pythonRequests.findIndex((r) => r.layer === 'all' && r.format === 'gexf')];
        expect(mixed?.ok).toBe(false);
        expect(mixed?.error).toMatch(/NetworkXError: (Und|D)irected edge found in (un)?directed graph/);
      },
    );

    it('read Pajek labels with backslashes, quotes, tabs and emoji the same way', PROGRAM_WAIT, async () => {
      const reads = (await pythonRun) ?? [];
      const hostile = pythonRequests.flatMap((request, i) => (request.graph === 'hostile' ? [reads[i]] : []));
      expect(hostile).toHaveLength(2);
      for (const read of hostile) {
        expect(read?.ok, `${read?.library}: ${read?.error}`).toBe(true);
        expect(new Set(read?.nodeNames), read?.library).toEqual(
          new Set(['ends with a backslash/', 'two /\\ backslashes', "a 'quoted' name", 'tab\tand émoji 🧮']),
        );
        expect(read?.edges).toBe(3);
      }
    });
  },
);

describe('CSV as a spreadsheet reads it', () => {
  it("has no cell of data/'s export that starts a formula", () => {
    for (const text of Object.values(writeCsv(graphs.data))) {
      const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
      expect(rows.errors).toEqual([]);
      const formulas = rows.data
        .flat()
        .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(cell));
      expect(formulas).toEqual([]);
    }
  });
});
