// Pre-bundles StanzaJS (CommonJS) into one ES module for the browser test runner, which
// cannot convert CommonJS on the fly. It applies the production build's stubs, shims and
// conversion to ES modules (build/stanza-build.mjs, which rollup.config.mjs uses too): the
// tests run the StanzaJS that ships.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { keptNames, stanzaBuildInputs, stanzaBuildPlugin } from '../build/stanza-build.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const stanzaBundle = path.join(root, '.cache', 'stanza.js');
/** The Namespaces/Constants names the bundle kept: a source or test reading a new one rebuilds it. */
const namesFile = path.join(root, '.cache', 'stanza-names.json');

/** True when the bundle is newer than StanzaJS and every file that decides what it contains. */
function upToDate(names) {
  if (!existsSync(stanzaBundle) || !existsSync(namesFile) || readFileSync(namesFile, 'utf8') !== names) return false;
  const built = statSync(stanzaBundle).mtimeMs;
  const inputs = [path.join(root, 'node_modules', 'stanza', 'package.json'), ...stanzaBuildInputs];
  return inputs.every((file) => statSync(file).mtimeMs < built);
}

export async function bundleStanza() {
  const names = JSON.stringify(keptNames());
  if (upToDate(names)) return stanzaBundle;
  mkdirSync(path.dirname(stanzaBundle), { recursive: true });
  const entry = path.join(root, '.cache', 'stanza-entry.js');
  writeFileSync(entry, "export * from 'stanza';\n");
  const bundle = await rollup({
    input: entry,
    plugins: [resolve({ browser: true, preferBuiltins: false, rootDir: root }), stanzaBuildPlugin],
    onwarn: () => {},
  });
  await bundle.write({ file: stanzaBundle, format: 'es' });
  writeFileSync(namesFile, names);
  return stanzaBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleStanza();
