/**
 * The real programs the export tests open citegraph's files with, as their users do:
 * - Gephi (the Gephi Toolkit 0.10.1, Gephi's own engine, headless): GexfCheck.java imports GEXF
 *   files with Gephi's default processor and prints what Gephi holds;
 * - networkx and igraph (read_graph.py, in a virtual environment): GEXF, GraphML, Pajek;
 * - VOSviewer Online's reader: the worker script VOSviewer Online runs on a JSON file before it
 *   draws anything, run in a Node vm context as the browser runs it in a Web Worker.
 *
 * install.sh puts them in a cache folder; preparePrograms() runs it when a part is missing. A part
 * that cannot be had gives a skip reason, except with CI=true, where its tests fail instead.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const here = path.dirname(new URL(import.meta.url).pathname);
const cache =
  process.env.CITEGRAPH_EXPORT_PROGRAMS || path.join(homedir(), '.cache/citegraph/export-programs');
const GEPHI_JAR = path.join(cache, 'gephi/gephi-toolkit-0.10.1-all.jar');
const GEPHI_CLASSES = path.join(cache, 'gephi/classes');
const PYTHON = path.join(cache, 'venv/bin/python');
const VOSVIEWER_WORKER = path.join(cache, 'vosviewer/worker-1.2.2.js');

export type ProgramName = 'gephi' | 'python' | 'vosviewer';

export interface Programs {
  /** Why the tests of a program are skipped; undefined: they run (always, with CI=true). */
  skip: Record<ProgramName, string | undefined>;
  /** What install.sh said, for the failure message when a program is missing on CI. */
  installLog: string;
}

function missing(): Record<ProgramName, boolean> {
  return {
    gephi: !existsSync(GEPHI_JAR) || !existsSync(path.join(GEPHI_CLASSES, 'GexfCheck.class')),
    python: !existsSync(PYTHON) || !existsSync(path.join(cache, 'venv/.citegraph-requirements')),
    vosviewer: !existsSync(VOSVIEWER_WORKER),
  };
}

const WHAT: Record<ProgramName, string> = {
  gephi: 'the Gephi Toolkit 0.10.1 and its GEXF check (needs java, javac, mvn and Maven Central)',
  python: 'networkx and igraph (needs python3 with venv and PyPI)',
  vosviewer: "VOSviewer Online's reader (needs npm and the npm registry)",
};

const TOPIC: Record<ProgramName, RegExp> = {
  gephi: /gephi|java|mvn/i,
  python: /python|networkx|igraph/i,
  vosviewer: /vosviewer|npm/i,
};

/** Installs what is missing (test/export-programs/install.sh) and says what can run. */
export function preparePrograms(): Programs {
  let installLog = '';
  if (Object.values(missing()).some(Boolean)) {
    const run = spawnSync('bash', [path.join(here, 'install.sh')], { encoding: 'utf8' });
    installLog = `${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim();
  }
  const now = missing();
  const ci = process.env.CI === 'true';
  // install.sh's own line about the part, e.g. "export-programs: could not fetch the Gephi Toolkit".
  const said = (name: ProgramName) =>
    installLog
      .split('\n')
      .filter((line) => line.startsWith('export-programs:') && TOPIC[name].test(line))
      .slice(-1)[0]
      ?.replace('export-programs: ', '') ?? 'see test/export-programs/install.sh';
  const reason = (name: ProgramName) =>
    now[name] && !ci ? `${WHAT[name]} not installed: ${said(name)}` : undefined;
  return {
    skip: { gephi: reason('gephi'), python: reason('python'), vosviewer: reason('vosviewer') },
    installLog,
  };
}

function requireInstalled(name: ProgramName): void {
  if (missing()[name])
    throw new Error(
      `${WHAT[name]} is not installed (CI=true, so this test cannot be skipped); run test/export-programs/install.sh`,
    );
}

export interface GephiIssue {
  level: string;
  message: string;
}
export interface GephiNode {
  id: string;
  label: string | null;
  x: number | null;
  y: number | null;
  size: number | null;
  color: [number, number, number];
  attributes: Record<string, string | number | boolean>;
}
export interface GephiEdge {
  id: string;
  source: string;
  target: string;
  directed: boolean;
  weight: number | null;
  kind: string | null;
  attributes: Record<string, string | number | boolean>;
}
export interface GephiImport {
  file: string;
  ok: boolean;
  issues: GephiIssue[];
  nodes: number;
  edges: number;
  directed: number;
  undirected: number;
  nodeList: GephiNode[];
  edgeList: GephiEdge[];
}

/** Runs a program to its end; its stdout as JSON lines. */
function jsonLines<T>(command: string, args: readonly string[], what: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new Error(
            `${what} failed (${error.message.split('\n')[0]}): ${stderr.split('\n').slice(-5).join(' | ')}`,
          ),
        );
        return;
      }
      resolve(
        stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as T),
      );
    });
  });
}

/** Imports GEXF files into Gephi (one workspace each, Gephi's default processor). */
export function gephiImport(files: readonly string[]): Promise<GephiImport[]> {
  requireInstalled('gephi');
  const classpath = `${GEPHI_CLASSES}${path.delimiter}${GEPHI_JAR}`;
  return jsonLines<GephiImport>(
    'java',
    ['-Djava.awt.headless=true', '-Xmx2g', '-cp', classpath, 'GexfCheck', ...files],
    'the Gephi check',
  );
}

export type PythonLibrary = 'networkx' | 'igraph';
export type PythonFormat = 'gexf' | 'graphml' | 'pajek';

export interface PythonRead {
  file: string;
  library: PythonLibrary;
  format: PythonFormat;
  ok: boolean;
  error?: string;
  warnings: string[];
  directed?: boolean;
  nodes?: number;
  edges?: number;
  nodeNames?: string[];
  /** [source, target, weight, directed], by the names the library keys nodes with. */
  edgeList?: [string, string, number | null, boolean][];
}

/** Opens files with networkx or igraph, one Python process for all of them. */
export function pythonRead(
  requests: readonly { library: PythonLibrary; format: PythonFormat; file: string }[],
): Promise<PythonRead[]> {
  requireInstalled('python');
  const args = [
    path.join(here, 'read_graph.py'),
    ...requests.map((r) => `${r.library}:${r.format}:${r.file}`),
  ];
  return jsonLines<PythonRead>(PYTHON, args, 'read_graph.py');
}

export interface VosviewerRead {
  /** VOSviewer Online's error for the file (null: accepted), as its open dialog shows it. */
  error: { key: string; message: string } | null;
  /** The items as the reader holds them: weights as `weight<Key>`, scores as `score<Key>`. */
  mapData: Record<string, unknown>[];
  /** The links as [source_id, target_id, strength, url, description]. */
  networkData: unknown[][];
  /** The reader's own next step, building its network: number of nodes it found. */
  networkNodes?: number;
}

interface WorkerMessage {
  type: string;
  data: Record<string, unknown>;
}

/** The reader's script: the worker module builds a Web Worker from it; capture it instead. */
function vosviewerWorkerScript(): string {
  const wrapper = readFileSync(VOSVIEWER_WORKER, 'utf8');
  let script: string | undefined;
  const sandbox = {
    require: () => () => {},
    module: { exports: undefined as unknown },
    Blob: class {
      text: string;
      constructor(parts: string[]) {
        this.text = parts.join('');
      }
    },
    URL: { createObjectURL: (blob: { text: string }) => blob },
    Worker: class {
      constructor(blob: { text: string }) {
        script = blob.text;
      }
    },
  };
  vm.runInNewContext(wrapper, sandbox);
  (sandbox.module.exports as () => unknown)();
  if (!script) throw new Error(`no worker script in ${VOSVIEWER_WORKER}`);
  return script;
}

let workerScript: vm.Script | undefined;

/** Opens a VOSviewer JSON text as VOSviewer Online does (File → reader worker), then builds its network. */
export async function vosviewerRead(json: string): Promise<VosviewerRead> {
  requireInstalled('vosviewer');
  workerScript ??= new vm.Script(vosviewerWorkerScript(), { filename: 'vosviewer-online-worker.js' });
  const messages: WorkerMessage[] = [];
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const context = vm.createContext({
    console: { log() {}, warn() {}, error() {}, info() {}, debug() {} },
    setTimeout,
    clearTimeout,
    postMessage: (message: WorkerMessage) => messages.push(message),
    addEventListener: (_type: string, listener: (event: { data: unknown }) => void) =>
      listeners.push(listener),
    jsonText: json,
  });
  context.self = context;
  // A File the reader reads with FileReader, as when a user opens the file in VOSviewer Online.
  vm.runInContext(
    `File = class File { constructor(text) { this.text = text; } };
     FileReader = class FileReader {
       readAsText(file) { Promise.resolve().then(() => this.onload({ target: { result: file.text } })); }
     };`,
    context,
  );
  workerScript.runInContext(context);
  const send = (type: string, options: unknown) => {
    for (const listener of listeners) listener({ data: { type, options } });
  };
  const waitFor = async (type: string): Promise<WorkerMessage> => {
    for (let i = 0; i < 1000; i++) {
      const found = messages.find((message) => message.type === type);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`VOSviewer reader sent no '${type}'`);
  };
  send('start parse vosviewer-json data', {
    jsonFileOrUrlOrObject: vm.runInContext('new File(jsonText)', context),
  });
  const parsed = (await waitFor('end parse vosviewer-json data')).data;
  const result: VosviewerRead = {
    error: (parsed.dataError as VosviewerRead['error']) ?? null,
    mapData: (parsed.mapData as Record<string, unknown>[]) ?? [],
    networkData: (parsed.networkData as unknown[][]) ?? [],
  };
  if (result.error === null) {
    send('start process data', { mapData: result.mapData, networkData: result.networkData });
    const processed = (await waitFor('end process data')).data;
    result.networkNodes = Object.keys((processed.itemIdToIndex as object) ?? {}).length;
  }
  return result;
}
