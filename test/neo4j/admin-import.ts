/**
 * How the tests and the bench run the real `neo4j-admin database import full`: AdminTool from the
 * Maven Central jars the launcher (test/neo4j) already resolved, on an export folder written by
 * `citegraph export --format neo4j-import`, into a fresh offline store under `home`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { neo4jImportCommand } from '../../src/export/neo4j-import.ts';

export const LAUNCHER_CLASSPATH = resolve('test/neo4j/target/classpath.txt');

export interface AdminImportInvocation {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The java command line; `javaOptions` set heap and GC (e.g. ['-Xmx256m', '-XX:+UseSerialGC']). */
export function adminImportInvocation(
  folder: string,
  home: string,
  javaOptions: string[],
  adminOptions: string[] = [],
): AdminImportInvocation {
  mkdirSync(join(home, 'conf'), { recursive: true });
  const classpath = `${resolve('test/neo4j/target/classes')}:${readFileSync(LAUNCHER_CLASSPATH, 'utf8').trim()}`;
  const command = neo4jImportCommand('.')
    .replace(/\\\n/g, ' ')
    .split(/\s+/)
    .filter((arg) => arg !== '')
    .slice(1)
    .map((arg) => arg.replaceAll('"', ''));
  return {
    command: 'java',
    args: [
      ...javaOptions,
      '-cp',
      classpath,
      'org.neo4j.cli.AdminTool',
      ...command,
      ...adminOptions,
      `--report-file=${join(home, 'import.report')}`,
    ],
    cwd: folder,
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
  };
}
