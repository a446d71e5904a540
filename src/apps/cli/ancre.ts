/**
 * The `ancre` command line: serve, ingest, ask, eval, build-model. Flags
 * override the environment variables of the same settings (README,
 * "Configuration"); exit codes are in exit-codes.ts.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TOP_K } from '../../contracts/top-k.ts';
import { USER_FACING_ERRORS } from '../../contracts/errors.ts';
import { RETRIEVAL_MODES, type RetrievalMode } from '../../contracts/retrieval.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { EXIT } from './exit-codes.ts';
import { describeSystemError } from './system-errors.ts';


interface PathOptions {
  corpus?: string;
  index?: string;
  databaseUrl?: string;
}

const pathOverrides = (options: PathOptions): ConfigOverrides => ({
  ANCRE_CORPUS_DIR: options.corpus,
  ANCRE_INDEX_DIR: options.index,
  ANCRE_DATABASE_URL: options.databaseUrl,
});

function topK(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < TOP_K.min || number > TOP_K.max) {
    throw new InvalidArgumentError(`must be a whole number from ${TOP_K.min} to ${TOP_K.max}`);
  }
  return number;
}

function documentIds(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError('must name at least one document id');
  return ids;
}

const modeOption = () => new Option('-m, --mode <mode>', 'retrieval mode').choices(RETRIEVAL_MODES);
const pathOptions = (command: Command) =>
  command
    .option('--corpus <dir>', 'the articles folder (ANCRE_CORPUS_DIR)')
    .option('--index <dir>', 'the index folder (ANCRE_INDEX_DIR)')
    .option('--database-url <url>', 'keep the index in this PostgreSQL database instead (ANCRE_DATABASE_URL)');

type Run = (code: Promise<number | void>) => void;

/** Each command's module, loaded when that command runs: `ancre ask` does not load the web service, nor `serve` the evaluation. */
const COMMANDS = {
  serve: () => import('./commands/serve.ts'),
  ingest: () => import('./commands/ingest.ts'),
  ask: () => import('./commands/ask.ts'),
  chat: () => import('./commands/chat.ts'),
  eval: () => import('./commands/eval.ts'),
  buildModel: () => import('./commands/build-model.ts'),
};

export function buildProgram(run: Run): Command {
  const program = new Command('ancre')
    .description('Answers questions over a folder of news articles, every sentence quoted and anchored to its paragraph.')
    .showHelpAfterError()
    .exitOverride();
  for (const add of [addServe, addIngest, addAsk, addChat, addEval, addBuildModel]) add(program, run);
  return program;
}

function addServe(program: Command, run: Run): void {
  pathOptions(
    program
      .command('serve')
      .description('serve the chat page and the HTTP API (builds the index first if there is none)')
      .option('-p, --port <port>', 'port to listen on (PORT)')
      .option('--host <address>', 'address to listen on (HOST)')
      .option('--watch', 're-index when files in the corpus folder change (ANCRE_WATCH)'),
  ).action((options: PathOptions & { port?: string; host?: string; watch?: boolean }) =>
    run(
      COMMANDS.serve().then(({ serveCommand }) =>
        serveCommand(loadConfig(process.env, { ...pathOverrides(options), PORT: options.port, HOST: options.host, ANCRE_WATCH: options.watch ? '1' : undefined })),
      ),
    ),
  );
}

function addIngest(program: Command, run: Run): void {
  pathOptions(
    program
      .command('ingest')
      .description('bring the index up to date with the corpus folder, embedding only new and changed articles')
      .option('--full', 'read and embed every article again'),
  ).action((options: PathOptions & { full?: boolean }) =>
    run(COMMANDS.ingest().then(({ ingestCommand }) => ingestCommand(loadConfig(process.env, pathOverrides(options)), { full: options.full ?? false }))),
  );
}

type AnswerFlags = PathOptions & { topK?: number; mode?: RetrievalMode; include?: string[]; exclude?: string[] };

/** The options `ask` and `chat` share: how many paragraphs, which articles, which retrieval. */
function answerOptions(command: Command): Command {
  return pathOptions(
    command
      .option('-k, --top-k <n>', `paragraphs to retrieve (${TOP_K.min}–${TOP_K.max})`, topK)
      .option('--include <ids>', 'answer only from these articles (comma-separated document ids)', documentIds)
      .option('--exclude <ids>', 'never answer from these articles (comma-separated document ids)', documentIds)
      .addOption(modeOption()),
  );
}

const answerSettings = (options: AnswerFlags) => ({
  topK: options.topK,
  mode: options.mode,
  filter: options.include || options.exclude ? { include: options.include, exclude: options.exclude } : undefined,
});

function addAsk(program: Command, run: Run): void {
  answerOptions(
    program
      .command('ask')
      .description('answer one question (exit 3 when the articles hold no answer)')
      .argument('<question>', 'the question, in quotes')
      .option('--json', 'print the JSON body POST /ask would return'),
  ).action((question: string, options: AnswerFlags & { json?: boolean }) =>
    run(COMMANDS.ask().then(({ askCommand }) => askCommand(loadConfig(process.env, pathOverrides(options)), question, { json: options.json ?? false, ...answerSettings(options) }))),
  );
}

function addChat(program: Command, run: Run): void {
  answerOptions(program.command('chat').description('an interactive conversation: follow-up questions are read with the ones before (/nouvelle starts over)')).action(
    (options: AnswerFlags) => run(COMMANDS.chat().then(({ chatCommand }) => chatCommand(loadConfig(process.env, pathOverrides(options)), answerSettings(options)))),
  );
}

type EvalFlags = PathOptions & { json?: boolean; verbose?: boolean; mode?: RetrievalMode; leaveGoldOut: boolean; history: boolean; options?: unknown; compare?: unknown; against?: string };

/** `--options`: JSON, its keys checked against the stage options where the pipeline is loaded (commands/eval.ts). */
function stageOptions(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be JSON, such as \'{"answer":{"selection":{"maxSentences":2}}}\'');
  }
}

function addEval(program: Command, run: Run): void {
  pathOptions(
    program
      .command('eval')
      .description('score the answers on a question file (JSON lines), each retrieval mode side by side')
      .argument('[file]', 'questions file (default: ../shared/eval/dev.jsonl)')
      .option('--json', 'print the figures as JSON')
      .option('-v, --verbose', 'list every question with its outcome')
      .option('--no-leave-gold-out', 'skip asking each question again without its own article')
      .option('--no-history', 'ask the last turn of each conversation alone, ignoring the questions before it')
      .option('--options <json>', 'stage options laid over the defaults and the model\'s, e.g. \'{"answer":{"selection":{"companionRatio":0.6}}}\'', stageOptions)
      .option('--compare <json>', 'also run with these stage options (over --options) and give each share\'s difference, paired by question, with its 95 % interval', stageOptions)
      .option('--against <report>', 'compare, the same way, with a report `ancre eval --json` wrote before on this file (another version of ancre, or other options)')
      .addOption(modeOption()),
  ).action((file: string | undefined, options: EvalFlags) =>
    run(
      COMMANDS.eval().then(({ evalCommand }) => evalCommand(loadConfig(process.env, pathOverrides(options)), file, {
        json: options.json ?? false,
        verbose: options.verbose ?? false,
        mode: options.mode,
        leaveGoldOut: options.leaveGoldOut,
        history: options.history,
        stageOptions: options.options,
        compareOptions: options.compare,
        againstReport: options.against,
      })),
    ),
  );
}

function addBuildModel(program: Command, run: Run): void {
  pathOptions(program.command('build-model').description('(re)build the offline embedding model from the corpus')).action((options: PathOptions) =>
    run(COMMANDS.buildModel().then(({ buildModelCommand }) => buildModelCommand(loadConfig(process.env, pathOverrides(options))))),
  );
}

export async function main(argv: string[]): Promise<void> {
  let pending: Promise<number | void> | undefined;
  const program = buildProgram((code) => {
    pending = code;
  });
  try {
    await program.parseAsync(argv);
    const code = await pending;
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (USER_FACING_ERRORS.some((kind) => error instanceof kind)) {
      // Failures the user can act on: one line, no stack trace.
      console.error(`ancre: ${(error as Error).message}`);
      process.exitCode = EXIT.failure;
    } else {
      // What the system refused (a folder, a full disk) in one line; anything else is a bug: its stack helps.
      const line = describeSystemError(error);
      console.error(line ? `ancre: ${line}` : error);
      process.exitCode = EXIT.failure;
    }
  }
}

await main(process.argv);
