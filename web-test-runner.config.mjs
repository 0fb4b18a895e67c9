import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { failureReporter } from './scripts/failure-reporter.mjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { bundleStanza } from './scripts/bundle-stanza.mjs';
import serverCommands, { PROXY_URL } from './server/test-commands.mjs';
import { DOMAIN, HTTP_URL, MUC_DOMAIN, SERVER, SERVICE_URL, UPLOAD_DOMAIN } from './server/kit.mjs';
import { ethoraApiPlugin } from './test/ethora-api-plugin.mjs';
import { buildCommandsPlugin } from './test/build-commands-plugin.mjs';
import { ensureConverse } from './bench/measure-converse.mjs';
import { buildSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

await bundleStanza();
// The interop suite's Converse.js 14 (test/pages/converse.html): from npm into .cache/bench when
// missing, as the bench does; never a dependency of the widget. Without it only that suite fails.
try {
  ensureConverse();
} catch (e) {
  console.error(`Converse.js could not be installed: ${e.message}`);
}
/** The local Ethora REST API stand-in (test/ethora-api-server.mjs), on its own loopback port. */
const ethoraApi = ethoraApiPlugin();
/** Serves StanzaJS from its pre-bundled ES module (see scripts/bundle-stanza.mjs). */
/** Fills the strict CSP of the test page (test/pages/csp.html) with this slot's server addresses. */
const cspPagePlugin = {
  name: 'csp-page',
  transform(context) {
    if (context.path !== '/test/pages/csp.html') return undefined;
    const origin = (url) => new URL(url).origin;
    const connect = [origin(SERVICE_URL), origin(PROXY_URL), HTTP_URL].join(' ');
    return { body: context.body.replaceAll('{{CONNECT}}', connect).replaceAll('{{HTTP}}', HTTP_URL) };
  },
};
/** Points the demo pages the tests open at this slot's server (they name slot 0's, for npm start). */
const demoServicePlugin = {
  name: 'demo-service',
  transform(context) {
    if (!context.path.startsWith('/demo/') || !context.path.endsWith('.html')) return undefined;
    return { body: context.body.replaceAll('ws://127.0.0.1:5280/ws', SERVICE_URL) };
  },
};
/**
 * The language catalogues: src/i18n/catalogue-files.ts fetches them beside itself, as the
 * shipped script does beside it; served from the build's files (dist/ethora-chat-LANG.json).
 */
const cataloguePlugin = {
  name: 'catalogue-files',
  serve(context) {
    const m = /^\/src\/i18n\/(ethora-chat-[a-z]+\.json)$/.exec(context.path);
    const file = m && path.join(root, 'dist', m[1]);
    if (file && existsSync(file)) return { body: readFileSync(file, 'utf8'), type: 'application/json' };
    // The script as a page that copied only it serves it (test/shipped/copied-alone.test.ts).
    if (context.path === '/test/shipped/copied/ethora-chat.js') return { body: readFileSync(path.join(root, 'dist', 'ethora-chat.js'), 'utf8'), type: 'js' };
  },
};
const stanzaPlugin = {
  name: 'stanza-esm',
  resolveImport({ source }) {
    if (source === 'stanza') return '/.cache/stanza.js';
  },
};
/**
 * StanzaJS's own XML parser (jxt/Parser.js), which the script replaces by the browser's
 * (src/platform/xml-parser.ts), as the module `stanza-original-parser`: the oracle the parser's
 * tests compare trees with. Never part of the script.
 */
const originalParserPlugin = {
  name: 'stanza-original-parser',
  resolveImport({ source }) {
    if (source === 'stanza-original-parser') return '/__stanza-original-parser.js';
  },
  serve(context) {
    if (context.path !== '/__stanza-original-parser.js') return undefined;
    const entryPoints = [path.join(root, 'node_modules', 'stanza', 'jxt', 'Parser.js')];
    const alias = { events: path.join(root, 'src', 'platform', 'events.ts') };
    const out = buildSync({ entryPoints, alias, bundle: true, format: 'esm', platform: 'browser', write: false });
    return { body: out.outputFiles[0].text, type: 'js' };
  },
};

export default {
  // test/cluster needs the two-node cluster profile: npm run test:cluster (web-test-runner.cluster.config.mjs).
  files: ['test/**/*.test.ts', '!test/cluster/**'],
  // Integration tests share one ejabberd and take seconds each: keep the whole run bounded.
  // One test file at a time: the reconnect tests stop and start the shared server.
  concurrency: 1,
  // A file's tests together: the fault files inject several outages of up to 40 s each.
  testsFinishTimeout: 300000,
  // 40 s a test unless it says otherwise: integration tests sign in several users on a machine
  // that may be busy; a test that hangs still fails, with its until() message.
  testFramework: { config: { timeout: 40000 } },
  staticLogging: Boolean(process.env.CI),
  // Failed tests are also written to a file that scripts/wtr-run.mjs prints above the summary.
  reporters: [defaultReporter(), failureReporter(process.env.ETHORA_FAILURES_FILE ?? '.cache/test-failures.json')],
  // Tests read the kit's WebSocket URL (it depends on ETHORA_KIT_SLOT) and the fault proxy's
  // in front of it (server/fault-proxy.mjs) from these globals, and which server the kit's profile
  // runs (ejabberd or Prosody) with its domains (test/integration/harness.ts).
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>window.ETHORA_TEST_SERVICE = ${JSON.stringify(SERVICE_URL)};
      window.ETHORA_TEST_SERVER = ${JSON.stringify({ kind: SERVER, service: SERVICE_URL, domain: DOMAIN, muc: MUC_DOMAIN, upload: UPLOAD_DOMAIN })};
      window.ETHORA_TEST_API = ${JSON.stringify(ethoraApi.info() ?? null)};
      window.ETHORA_TEST_PROXY = ${JSON.stringify(PROXY_URL)};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  nodeResolve: { browser: true, preferBuiltins: false },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    stanzaPlugin,
    originalParserPlugin,
    cataloguePlugin,
    cspPagePlugin,
    demoServicePlugin,
    serverCommands(),
    ethoraApi,
    buildCommandsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
};
