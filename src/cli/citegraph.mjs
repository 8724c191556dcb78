#!/usr/bin/env node
// Entry point for `npx citegraph`: runs the TypeScript CLI through tsx so the
// checkout works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
