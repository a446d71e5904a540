#!/bin/sh
":" //; case "$GLIBC_TUNABLES" in *glibc.malloc.hugetlb*) ;; *) GLIBC_TUNABLES="glibc.malloc.hugetlb=1${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}"; export GLIBC_TUNABLES;; esac; exec node "$0" "$@"
// The two lines above are read by the shell, and by Node as a string and a
// comment. The shell asks glibc to back malloc's large blocks with huge pages
// (a setting it reads only when a process starts, so it cannot be set from
// here in Node): ONNX Runtime copies a model's weights several times while it
// builds a session, and on a virtual machine each 4 KB page's first touch is
// a costly fault. Measured with the e5 twin: session 0.47 → 0.27 s, `ancre
// ask` 1.14 → 0.76 s (README, "Performance"). A GLIBC_TUNABLES that already
// says glibc.malloc.hugetlb (=0 to turn it off) is left as it is; elsewhere
// than glibc the variable means nothing. `node bin/ancre.mjs` skips it.
//
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
