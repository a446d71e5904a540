/**
 * The architecture, checked (ARCHITECTURE.md): imports go one way through
 * the stages with no cycle (dependency-cruiser, its rules in
 * .dependency-cruiser.cjs), and no file or function grows past what one
 * reader takes in at once.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';

const SRC = path.join(PROJECT_ROOT, 'src');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

describe('the architecture', () => {
  it('imports only downward through the stages, with no cycle', async () => {
    const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');
    const { stdout } = await promisify(execFile)(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      cwd: PROJECT_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout: string }) => error);
    const { summary } = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
    expect(summary.totalCruised).toBeGreaterThan(50);
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  const files = sourceFiles(SRC);

  it(`keeps every file under ${MAX_FILE_LINES} lines`, () => {
    const long = files.map((file) => [path.relative(PROJECT_ROOT, file), readFileSync(file, 'utf8').split('\n').length] as const);
    expect(long.filter(([, lines]) => lines > MAX_FILE_LINES)).toEqual([]);
  });

  it(`keeps every function under ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          if (lines > MAX_FUNCTION_LINES) long.push(`${path.relative(PROJECT_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
