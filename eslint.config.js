// ESLint (flat config): `npm run lint` checks, `npm run format` fixes (README, "Development").
// TypeScript is linted with type information (tsconfig.test.json covers src/ and test/), so rules
// such as no-floating-promises and await-thenable see through the session's async calls.
// Each rule turned off or tuned below says why in one line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    // Generated, installed, or data (cms/ PHP and server/ Erlang hold no JS to lint).
    ignores: ['node_modules/', 'dist/', '.cache/', '.state/', 'coverage/', 'server/modules/', 'test/fixtures/'],
  },
  js.configs.recommended,
  {
    rules: {
      // The sanitisers strip control characters and list joiners and variation selectors on purpose.
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript itself reports undefined names (typescript-eslint's advice).
      'no-undef': 'off',
      // @open-wc/semantic-dom-diff types every chai `equal` as a promise (for `.dom.equal`);
      // `expect(a).to.equal(b)` is synchronous.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: 'chai' }] }],
      // `async` marks functions that must return a promise (credentials callbacks, fakes of async APIs).
      '@typescript-eslint/require-await': 'off',
      // The same convention as tsc's noUnusedParameters: a leading underscore marks an unused one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `cond ? a() : b()` and `x && f()` as statements are the code's terse style; comma sequences still count.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended, wc.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
  },
  {
    // Lit calls a template's `@event=${this.method}` listener with `this` = the host element.
    files: ['src/elements/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's property assertions: `expect(x).to.exist`.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Fakes reproduce StanzaJS, which rejects with error stanzas, not Error objects.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    // Node scripts: the build, the test runner, the server kit, the bench, the WordPress suite.
    files: ['**/*.mjs', '*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node scripts that hand functions to Playwright's page.evaluate, which run in the page.
    files: ['bench/**/*.mjs', 'test/wordpress/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Scripts of the demo and test pages (modules).
    files: ['demo/**/*.js', 'test/pages/**/*.js', 'bench/pages/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The WordPress plugin's classic scripts, on the editor's `wp` global.
    files: ['cms/**/*.js'],
    languageOptions: { globals: { ...globals.browser, wp: 'readonly' }, sourceType: 'script' },
  },
);
