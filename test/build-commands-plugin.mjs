// @web/test-runner plugin: lets unit tests run build steps that need Node with
// executeServerCommand: StanzaJS's CommonJS-to-ES-module transform (build/stanza-esm.mjs) and the
// grouping of tsc's member decorations (build/ts-helpers.mjs), which need rollup's parser, and the
// rule for the member names terser may shorten (build/mangle-names.mjs, TypeScript's checker) on
// a few source files of the test's own.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { namesToMangle } from '../build/mangle-names.mjs';
import { MEMBERS_HELPER, groupDecorations } from '../build/ts-helpers.mjs';
import { toEsm } from '../build/stanza-esm.mjs';

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

/** { code, file } -> { code } (the ES module) or { error } (what the transform refused). */
function stanzaToEsm({ code, file }) {
  try {
    return { code: toEsm(code, file) };
  } catch (e) {
    return { error: e.message };
  }
}

const COMMANDS = {
  'stanza-to-esm': stanzaToEsm,
  'mangle-names': fixtureNames,
  // { code } -> { code: with its member decorations grouped, helper: the __decorateMembers it calls }
  'group-decorations': ({ code }) => ({ code: groupDecorations(code), helper: MEMBERS_HELPER }),
};

export function buildCommandsPlugin() {
  return {
    name: 'build-commands',
    executeCommand: ({ command, payload }) => (Object.hasOwn(COMMANDS, command) ? COMMANDS[command](payload) : undefined),
  };
}
