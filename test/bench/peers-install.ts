/**
 * Installs the peer libraries into .bench/venv (python3 -m venv + pip), one package at a time so
 * one failure does not hide the others. Returns which peers import.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Import name → pip package. */
export const PEER_PACKAGES: Record<string, string> = {
  igraph: 'python-igraph',
  networkit: 'networkit',
  networkx: 'networkx',
};

export interface PeerEnvironment {
  python?: string;
  available: string[];
  /** Import name → the version that imports, for the report. */
  versions: Record<string, string>;
  problems: string[];
}

function imports(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 120_000 }).status === 0;
}

function versionOf(python: string, module: string): string {
  const child = spawnSync(python, ['-c', `import ${module}; print(${module}.__version__)`], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return child.status === 0 ? child.stdout.trim() : 'unknown';
}

export function ensurePeers(root: string, log: (message: string) => void): PeerEnvironment {
  const venv = join(root, 'venv');
  const python = join(venv, 'bin', 'python');
  const logFile = join(root, 'venv-install.log');
  const problems: string[] = [];
  if (!existsSync(python)) {
    log(`creating ${venv} (python3 -m venv)`);
    const created = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8', timeout: 300_000 });
    if (created.status !== 0) {
      problems.push(`python3 -m venv failed: ${(created.stderr || created.error?.message || '').trim()}`);
      return { available: [], versions: {}, problems };
    }
  }
  const available: string[] = [];
  const versions: Record<string, string> = {};
  for (const [module, pkg] of Object.entries(PEER_PACKAGES)) {
    if (!imports(python, module)) {
      log(`pip install ${pkg} into ${venv} (log: ${logFile})`);
      const pip = spawnSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', pkg], {
        encoding: 'utf8',
        timeout: 900_000,
      });
      appendFileSync(logFile, `$ pip install ${pkg}\n${pip.stdout ?? ''}${pip.stderr ?? ''}\n`);
      if (pip.status !== 0) problems.push(`pip install ${pkg} failed (see ${logFile})`);
    }
    if (imports(python, module)) {
      available.push(module);
      versions[module] = versionOf(python, module);
    } else problems.push(`${module} does not import`);
  }
  return { python, available, versions, problems };
}
