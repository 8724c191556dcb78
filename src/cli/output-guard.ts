/**
 * Checks made before a command does any work: its output is not one of its inputs (by any path
 * that leads to the same file: links, `..`, hard links), an output folder that is replaced as a
 * whole holds no input, and the output's folder can be written.
 */
import { accessSync, constants, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { EXIT } from './exit-codes.ts';

/** A refused output: a one-line message and the exit code. */
export class OutputRefusedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'OutputRefusedError';
  }
}

function statOrUndefined(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/**
 * Where a path leads: its real path when it exists, otherwise the real path of its nearest
 * existing folder with the rest of the path appended.
 */
function realTarget(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return join(realpathSync(at), ...rest);
    } catch {
      const parent = dirname(at);
      if (parent === at) return absolute;
      rest.unshift(basename(at));
      at = parent;
    }
  }
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

interface OutputPlan {
  /** The output path as given. */
  output: string;
  /** The inputs as given (`-`, standard input, is skipped). */
  inputs: readonly string[];
  /** The option that names the output, for messages (default -o). */
  option?: string;
  /** True when the output is a folder replaced as a whole (analyze -o, export csv). */
  folder?: boolean;
}

/** Throws OutputRefusedError when the output would overwrite, or replace a folder holding, an input. */
function refuseOutputOntoInputs(plan: OutputPlan): void {
  const option = plan.option ?? '-o';
  const output = realTarget(plan.output);
  const outputStats = statOrUndefined(output);
  for (const input of plan.inputs) {
    if (input === '-') continue;
    const inputStats = statOrUndefined(input);
    const real = realTarget(input);
    if (real === output || sameFile(inputStats, outputStats))
      throw new OutputRefusedError(
        `${option} ${plan.output} is the input ${input}: citegraph does not overwrite its inputs, write the output elsewhere`,
        EXIT.usage,
      );
    if (plan.folder && inputStats && real.startsWith(output + sep))
      throw new OutputRefusedError(
        `${option} ${plan.output} holds the input ${input}, and the output folder is replaced as a whole: choose another output folder`,
        EXIT.usage,
      );
  }
}

/**
 * Throws OutputRefusedError when the output cannot be written: the folder it goes in (for a folder
 * output, the folder beside which it is built) is not a folder, or cannot be written.
 */
function refuseUnwritableOutput(plan: OutputPlan): void {
  const option = plan.option ?? '-o';
  const output = resolve(plan.output);
  const stats = statOrUndefined(output);
  if (stats && plan.folder && !stats.isDirectory())
    throw new OutputRefusedError(`${option} ${plan.output} is a file, not a folder`, EXIT.usage);
  if (stats && !plan.folder && stats.isDirectory())
    throw new OutputRefusedError(`${option} ${plan.output} is a folder, not a file`, EXIT.usage);
  let folder = dirname(output);
  while (!statOrUndefined(folder)) folder = dirname(folder);
  if (!statOrUndefined(folder)?.isDirectory())
    throw new OutputRefusedError(`${option} ${plan.output}: ${folder} is not a folder`, EXIT.usage);
  // A folder output that exists is emptied when replaced, which needs write permission on it too.
  for (const needed of stats && plan.folder ? [folder, output] : [folder]) {
    try {
      accessSync(needed, constants.W_OK);
    } catch {
      throw new OutputRefusedError(
        `${option} ${plan.output}: permission denied, ${needed} is read-only for this user (choose another ${option} or change its permissions)`,
        EXIT.failure,
      );
    }
  }
}

/** Both checks, for a command about to write `plan.output` from `plan.inputs`. */
export function checkOutput(plan: OutputPlan): void {
  refuseOutputOntoInputs(plan);
  refuseUnwritableOutput(plan);
}
