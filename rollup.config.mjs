// Bundles the compiled ES modules (dist/esm, from tsc) into ONE self-contained script,
// dist/ethora-chat.js, that defines the elements when loaded by a plain <script src>.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { COMMONJS_OPTIONS, stanzaBuildPlugin } from './build/stanza-build.mjs';
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
    // StanzaJS without what the widget never uses, with our smaller shims (build/stanza-build.mjs).
    stanzaBuildPlugin,
    // Wrappers for lazily required CommonJS modules only where StanzaJS needs them (cycles,
    // requires inside functions); the same option builds the tests' StanzaJS (scripts/bundle-stanza.mjs).
    commonjs(COMMONJS_OPTIONS),
    terser({ format: { comments: false }, ecma: 2021, compress: { passes: 2 }, mangle }),
  ],
  onwarn(warning, warn) {
    // StanzaJS's CommonJS files use `this` at the top level; harmless in the bundle.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
