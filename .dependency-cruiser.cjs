/**
 * The import rule (ARCHITECTURE.md): the stages run ingest → embed → store →
 * query → retrieve → answer, and each imports only the contracts, the
 * foundations (shared, lang, text, kernel) and stages before it. The
 * pipeline composes the stages; the apps (serve, cli, eval, bench) see the
 * pipeline and the contracts only. Checked by tests/architecture.test.ts.
 */
const laterStages = (n) => `^src/stages/[${n + 1}-9]-`;
const stageRules = [1, 2, 3, 4, 5, 6].map((n) => ({
  name: `stage-${n}-imports-only-downward`,
  comment: `stage ${n} may import only earlier stages, the contracts and the foundations`,
  severity: 'error',
  from: { path: `^src/stages/${n}-` },
  to: { path: [laterStages(n), '^src/pipeline/', '^src/apps/'] },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no import cycle, between folders or files', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'contracts-are-declarations',
      comment: 'contracts import only contracts (and zod for the API schemas)',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/contracts/', '^node_modules/(zod|@hono/zod-openapi)/'] },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'shared helpers know nothing of ancre',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'kernel-is-a-leaf',
      comment: 'the vector kernel (dot products, SIMD scan, top-k, k-means) is used by store and retrieve, and uses neither',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: ['^src/kernel/', '^src/shared/'] },
    },
    {
      name: 'lang-packs-below-text',
      comment: 'language packs hold language knowledge; they use the contracts and shared helpers only',
      severity: 'error',
      from: { path: '^src/lang/' },
      to: { path: '^src/', pathNot: ['^src/lang/', '^src/shared/', '^src/contracts/'] },
    },
    {
      name: 'text-below-stages',
      comment: 'text primitives (folding, words, sentences) read language packs, nothing above',
      severity: 'error',
      from: { path: '^src/text/' },
      to: { path: '^src/', pathNot: ['^src/text/', '^src/lang/', '^src/shared/', '^src/contracts/'] },
    },
    ...stageRules,
    {
      name: 'pipeline-below-apps',
      comment: 'the composition root does not know its callers',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: { path: '^src/apps/' },
    },
    {
      name: 'apps-see-pipeline-and-contracts',
      comment: 'serve, cli, eval and bench import the pipeline, the contracts and shared helpers, nothing deeper',
      severity: 'error',
      from: { path: '^src/apps/' },
      to: { path: ['^src/stages/', '^src/kernel/', '^src/text/', '^src/lang/'] },
    },
    {
      name: 'apps-are-independent',
      comment: 'one app does not reach into another (config is theirs in common); the command line launches them all',
      severity: 'error',
      from: { path: '^src/apps/([^/]+)/', pathNot: '^src/apps/cli/' },
      to: { path: '^src/apps/', pathNot: ['^src/apps/$1/', '^src/apps/config\\.ts$'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.d.ts'] },
    exclude: { path: '^src/types/' },
  },
};
