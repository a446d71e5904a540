#!/bin/sh
":" //; case "$GLIBC_TUNABLES" in *glibc.malloc.hugetlb*) ;; *) GLIBC_TUNABLES="glibc.malloc.hugetlb=1${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}"; export GLIBC_TUNABLES;; esac; exec node --import tsx "$0" "$@"
// `npm run bench`, started as `ancre` starts (bin/ancre.mjs, whose first two
// lines these are): with glibc's huge pages for malloc's large blocks, as
// every `ancre` command runs. The bench ingests and times the forward passes
// in its own process, and without them measured what no user waits for:
// the twin's PIAF ingest on two threads took 25.0-25.5 s against 22.9-23.0 s.
await import('../src/apps/bench/run.ts');
