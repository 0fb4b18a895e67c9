// npm run build: type-check and compile to dist/esm (ES modules + .d.ts for bundler users),
// then bundle dist/ethora-chat.js (one script for <script src>) and the language catalogues
// beside it (dist/ethora-chat-LANG.json), then the WordPress plugin zip
// (dist/ethora-chat-wordpress.zip). Prints the sizes.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildWordpressZip } from './wordpress-zip.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export function build({ quiet = false } = {}) {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('rollup'), ['-c', '--silent'], { cwd: root, stdio: 'inherit' });
  // The catalogues other than English, fetched on demand (scripts/catalogue-files.mjs; a child
  // process because it imports the compiled modules, and build() is synchronous).
  execFileSync(process.execPath, [path.join(root, 'scripts', 'catalogue-files.mjs')], { cwd: root, stdio: 'inherit' });
  // custom-elements.json: tags, attributes, properties, events, slots and parts, from the JSDoc.
  execFileSync(bin('custom-elements-manifest'), ['analyze', '--litelement', '--globs', 'src/elements/*-element.ts', '--outdir', 'dist', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const bytes = readFileSync(path.join(root, 'dist', 'ethora-chat.js'));
  const size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  if (!quiet) console.log(`dist/ethora-chat.js: ${(size.raw / 1024).toFixed(1)} KB raw, ${(size.gzip / 1024).toFixed(1)} KB gzip`);
  // The WordPress plugin, with this bundle inside (cms/wordpress).
  const wp = buildWordpressZip();
  if (!quiet) console.log(`dist/ethora-chat-wordpress.zip: ${(wp.bytes / 1024).toFixed(1)} KB`);
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
