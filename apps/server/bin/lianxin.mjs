#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader: one code path for development and production.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
