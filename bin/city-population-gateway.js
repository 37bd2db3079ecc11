#!/usr/bin/env node
// `npx city-population-gateway <command>`: the project runs its TypeScript as it is, with no build
// step, so the entry registers tsx's loader and hands the arguments to the dispatcher.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
