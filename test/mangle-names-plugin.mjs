// @web/test-runner plugin: lets the unit test of the build's rule for the member names terser may
// shorten (build/mangle-names.mjs, which needs TypeScript's checker: Node only) run it on a few
// source files of the test's own, with executeServerCommand.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { namesToMangle } from '../build/mangle-names.mjs';

const OPTIONS = {
  target: ts.ScriptTarget.ES2021,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2021.d.ts', 'lib.dom.d.ts'],
  strict: true,
  experimentalDecorators: true,
  noEmit: true,
  types: [],
};

/** { files: { 'name.ts': code } (one of them index.ts), outside?: string } -> the names, sorted. */
function fixtureNames({ files, outside = '' }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mangle-names-'));
  try {
    const src = path.join(dir, 'src');
    mkdirSync(src);
    for (const [name, code] of Object.entries(files)) writeFileSync(path.join(src, name), code);
    const program = ts.createProgram(
      Object.keys(files).map((name) => path.join(src, name)),
      OPTIONS,
    );
    return namesToMangle(program, src, new Set(outside.match(/[A-Za-z_$][\w$]*/g)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function mangleNamesPlugin() {
  return {
    name: 'mangle-names-command',
    executeCommand({ command, payload }) {
      return command === 'mangle-names' ? fixtureNames(payload) : undefined;
    },
  };
}
