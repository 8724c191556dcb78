/**
 * Registers every benchmark step. To add one: create a file in this folder that calls
 * `defineSteps(...)` from ../registry.ts, and add one import line here. Order = table order.
 */
import './floors.ts';
import './generate.ts';
import './ingest-parse.ts';
import './louvain.ts';
import './compact.ts';
import './peers.ts';
import './analyze.ts';
import './store.ts';
import './export.ts';
import './web.ts';

export { STEPS } from '../registry.ts';
