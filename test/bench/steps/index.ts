/**
 * Registers every benchmark step. To add one: create a file in this folder that calls
 * `defineSteps(...)` from ../registry.ts, and add one import line here. Order = table order.
 */
import './floors.ts';
import './generate.ts';
import './ingest-parse.ts';
import './analyze.ts';
import './algorithms.ts';
import './impact.ts';
import './graphology.ts';
import './store.ts';
import './export.ts';
import './scale.ts';
import './web.ts';

export { STEPS } from '../registry.ts';
