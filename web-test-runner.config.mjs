import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { bundleStanza } from './scripts/bundle-stanza.mjs';
import serverCommands from './server/test-commands.mjs';
import { SERVICE_URL } from './server/kit.mjs';
import { ethoraApiPlugin } from './test/ethora-api-server.mjs';

await bundleStanza();
/** The local Ethora REST API stand-in (test/ethora-api-server.mjs), on its own loopback port. */
const ethoraApi = ethoraApiPlugin();
/** Serves StanzaJS from its pre-bundled ES module (see scripts/bundle-stanza.mjs). */
const stanzaPlugin = {
  name: 'stanza-esm',
  resolveImport({ source }) { if (source === 'stanza') return '/.cache/stanza.js'; },
};

export default {
  files: ['test/**/*.test.ts'],
  // Integration tests share one ejabberd and take seconds each: keep the whole run bounded.
  // One test file at a time: the reconnect tests stop and start the shared server.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  staticLogging: Boolean(process.env.CI),
  // Tests read the kit's WebSocket URL (it depends on ETHORA_KIT_SLOT) from this global.
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>window.ETHORA_TEST_SERVICE = ${JSON.stringify(SERVICE_URL)};
      window.ETHORA_TEST_API = ${JSON.stringify(ethoraApi.info() ?? null)};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  nodeResolve: { browser: true, preferBuiltins: false },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    stanzaPlugin,
    serverCommands(),
    ethoraApi,
  ],
  browsers: [chromeLauncher({ launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] } })],
};
