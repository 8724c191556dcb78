/**
 * Link weights of a map from its pair counts: the counting (full or fractional) and the
 * normalisation (association strength as VOSviewer; cosine/Salton, Jaccard and inclusion as
 * bibliometrix's normalizeSimilarity) the user chose.
 */
import { bigFloat64 } from '../../util/big-arrays.ts';
import type { CsrGraph } from '../csr.ts';
import type { MapCounting, MapNormalization } from '../options.ts';
import type { MapPairs } from './pairs.ts';

/** The counted weight per arc: full counts or fractional weights. */
export function countedWeights(pairs: MapPairs, counting: MapCounting): Float64Array {
  return counting === 'fractional' ? pairs.fractional : pairs.graph.weights;
}

/**
 * Association strength per arc, as networkanalysis-ts normalises a network for VOSviewer:
 * a_ij · T / (k_i · k_j), with k_i the total link weight of i and T the sum of all k_i (twice the
 * total weight). 1 is what two items would share if links fell at random in proportion to k.
 */
export function associationStrength(graph: CsrGraph, weights: Float64Array): Float64Array {
  const { nodeCount, offsets, targets } = graph;
  const total = bigFloat64(nodeCount);
  let sum = 0;
  for (let v = 0; v < nodeCount; v++) {
    for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) total[v]! += weights[arc]!;
    sum += total[v]!;
  }
  const strength = bigFloat64(weights.length);
  for (let v = 0; v < nodeCount; v++)
    for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++)
      strength[arc] = (weights[arc]! * sum) / (total[v]! * total[targets[arc]!]!);
  return strength;
}

/**
 * The `weight` of every arc: the counted weight normalised as chosen. Cosine, Jaccard and
 * inclusion compare the counted weight with the two items' occurrences o_i, o_j:
 * w / √(o_i o_j), w / (o_i + o_j − w) and w / min(o_i, o_j).
 */
export function linkWeights(
  pairs: MapPairs,
  counting: MapCounting,
  normalization: MapNormalization,
  strength: Float64Array,
): Float64Array {
  const counted = countedWeights(pairs, counting);
  if (normalization === 'none') return counted;
  if (normalization === 'association') return strength;
  const { nodeCount, offsets, targets } = pairs.graph;
  const occurrences = pairs.occurrences;
  const weights = bigFloat64(counted.length);
  for (let v = 0; v < nodeCount; v++)
    for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
      const w = counted[arc]!;
      const a = occurrences[v]!;
      const b = occurrences[targets[arc]!]!;
      weights[arc] =
        normalization === 'cosine'
          ? w / Math.sqrt(a * b)
          : normalization === 'jaccard'
            ? w / (a + b - w)
            : w / Math.min(a, b);
    }
  return weights;
}
