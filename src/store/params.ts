/**
 * Query parameters: declared in a query file's header, given on the command line as `k=v`,
 * converted to the declared type, and always sent to the database as parameters.
 */
import { type QueryParams, StoreError, type StoreValue } from './graph-store.ts';

export type ParamType = 'string' | 'int' | 'float';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Value used when the parameter is not given; none: the parameter is required. */
  default?: StoreValue;
  description: string;
}

/** Names used as `$name` in a statement (string literals and comments are not inspected: harmless extras). */
function referencedParams(cypher: string): Set<string> {
  const names = new Set<string>();
  for (const match of cypher.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  return names;
}

/** Only the parameters a statement uses: both engines reject values for parameters a statement lacks. */
export function usedParams(cypher: string, params: QueryParams): QueryParams {
  const used = referencedParams(cypher);
  return Object.fromEntries(Object.entries(params).filter(([name]) => used.has(name)));
}

function convertParam(spec: ParamSpec, raw: string): StoreValue {
  if (spec.type === 'string') return raw;
  const value = Number(raw.trim());
  // Past 2^53 an integer is no longer exact in a JavaScript number, and the databases take 64 bits.
  if (raw.trim() === '' || !Number.isFinite(value) || (spec.type === 'int' && !Number.isSafeInteger(value))) {
    throw new StoreError(
      'parameter',
      `parameter ${spec.name} must be ${spec.type === 'int' ? `an integer between ${-Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` : 'a number'}, got "${raw}"`,
    );
  }
  return value;
}

/** Splits `k=v` (the value may contain '='). */
export function parseAssignment(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new StoreError('parameter', `parameter "${text}" is not of the form name=value`);
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

/**
 * The parameters to send: given values converted to their declared types, defaults for the rest.
 * Unknown names and missing required parameters are errors naming the query's parameters.
 */
export function resolveParams(
  specs: ParamSpec[],
  given: Record<string, string>,
  queryName: string,
): QueryParams {
  const known = new Map(specs.map((spec) => [spec.name, spec]));
  const declared = specs.map((spec) => spec.name).join(', ') || 'none';
  const params: QueryParams = {};
  for (const [name, raw] of Object.entries(given)) {
    const spec = known.get(name);
    if (!spec)
      throw new StoreError(
        'parameter',
        `unknown parameter "${name}" for ${queryName} (parameters: ${declared})`,
      );
    params[name] = convertParam(spec, raw);
  }
  for (const spec of specs) {
    if (spec.name in params) continue;
    if (spec.default === undefined)
      throw new StoreError(
        'parameter',
        `missing parameter "${spec.name}" for ${queryName} (--param ${spec.name}=...)`,
      );
    params[spec.name] = spec.default;
  }
  return params;
}
