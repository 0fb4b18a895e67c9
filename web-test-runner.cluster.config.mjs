// The cluster suite (test/cluster): widgets on both nodes of the server kit's cluster profile.
// Run by `npm run test:cluster` (scripts/test-cluster.mjs), which sets ETHORA_KIT_PROFILE=cluster.
import base from './web-test-runner.config.mjs';
import clusterCommands from './server/cluster-commands.mjs';
import { NODES, serviceUrl } from './server/kit.mjs';

export default {
  ...base,
  files: ['test/cluster/**/*.test.ts'],
  testFramework: { config: { timeout: 120000 } },
  // Each widget picks its node's WebSocket from this list (node 1 first).
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>window.ETHORA_TEST_SERVICES = ${JSON.stringify(NODES.map(serviceUrl))};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [...base.plugins, clusterCommands()],
};
