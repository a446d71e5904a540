#!/usr/bin/env node
// Starts the command line from its compiled bundle (bin/compile.mjs), kept in
// step with src/, or from the TypeScript sources through tsx when it cannot
// be built: either way `npx ancre …` needs no build step.
import { compiledCli } from './compile.mjs';

const compiled = await compiledCli();
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/apps/cli/ancre.ts');
}
