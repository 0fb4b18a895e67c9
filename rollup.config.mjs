// Bundles the compiled ES modules (dist/esm, from tsc) into ONE self-contained script,
// dist/ethora-chat.js, that defines the elements when loaded by a plain <script src>.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { stanzaBuildPlugin } from './build/stanza-build.mjs';
import { litTemplatesPlugin } from './build/lit-templates.mjs';
import { tsHelpersPlugin } from './build/ts-helpers.mjs';
import { mangledNames } from './build/mangle-names.mjs';

// Private members nothing outside their class can name, shortened (build/mangle-names.mjs).
const mangled = mangledNames();
const mangle = mangled.length ? { properties: { regex: new RegExp(`^(${mangled.join('|')})$`) } } : true;

export default {
  input: 'dist/esm/index.js',
  // The same code twice: a classic script for <script src>, and one ES module (no bare
  // imports, so it loads from any URL with <script type="module"> or import()).
  output: [
    { file: 'dist/ethora-chat.js', format: 'iife', name: 'EthoraChat', sourcemap: false },
    { file: 'dist/ethora-chat.mjs', format: 'es', sourcemap: false },
  ],
  plugins: [
    // Our Lit templates without their layout whitespace (build/lit-templates.mjs).
    litTemplatesPlugin(),
    // One copy of tsc's __decorate helper instead of one per module (build/ts-helpers.mjs).
    tsHelpersPlugin(),
    // StanzaJS's "browser" field swaps in its browser platform (WebSocket, fetch, Web Crypto).
    resolve({ browser: true, preferBuiltins: false }),
    // StanzaJS without what the widget never uses, with our smaller shims, as ES modules
    // (build/stanza-build.mjs); the tests' StanzaJS is built by the same plugin (scripts/bundle-stanza.mjs).
    stanzaBuildPlugin,
    // pure_getters: reading a property has no side effect (no code reads one only for it, as a
    // forced layout `el.offsetHeight;`), so terser may drop or move a read whose value goes unused.
    terser({ format: { comments: false }, ecma: 2021, compress: { passes: 2, pure_getters: true }, mangle }),
  ],
  onwarn(warning, warn) {
    // tsc's `__decorate` helper (build/ts-helpers.mjs) reads `this` at the top level; harmless in the bundle.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
