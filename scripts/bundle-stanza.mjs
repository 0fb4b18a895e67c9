// Pre-bundles StanzaJS (CommonJS) into one ES module for the browser test runner, which
// cannot convert CommonJS on the fly. The production build (rollup.config.mjs) converts
// stanza itself; tests and the build therefore run the same library code.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const stanzaBundle = path.join(root, '.cache', 'stanza.js');

export async function bundleStanza() {
  const pkg = path.join(root, 'node_modules', 'stanza', 'package.json');
  if (existsSync(stanzaBundle) && statSync(stanzaBundle).mtimeMs > statSync(pkg).mtimeMs) return stanzaBundle;
  mkdirSync(path.dirname(stanzaBundle), { recursive: true });
  const entry = path.join(root, '.cache', 'stanza-entry.js');
  writeFileSync(entry, "import S from 'stanza';\nexport default S;\n");
  const bundle = await rollup({
    input: entry,
    plugins: [resolve({ browser: true, preferBuiltins: false, rootDir: root }), commonjs()],
    onwarn: () => {},
  });
  await bundle.write({ file: stanzaBundle, format: 'es' });
  return stanzaBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleStanza();
