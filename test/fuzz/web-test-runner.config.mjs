// Replays a fuzz run: the main config, plus FUZZ_SEED (and FUZZ_STANZAS) from the environment
// written into the test page, since the browser cannot read the environment itself.
//   FUZZ_SEED=123 npx web-test-runner "test/fuzz/**/*.test.ts" --config test/fuzz/web-test-runner.config.mjs --static-logging
import base from '../../web-test-runner.config.mjs';

const env = JSON.stringify({ seed: process.env.FUZZ_SEED, stanzas: process.env.FUZZ_STANZAS }).replace(/</g, '\\u003c');

export default {
  ...base,
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head><script>window.__FUZZ_ENV__ = ${env};</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
