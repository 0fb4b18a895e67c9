// @web/test-runner plugin: lets the unit test of the build's CommonJS-to-ES-module transform
// (build/stanza-esm.mjs, which needs rollup's parser: Node only) run it with executeServerCommand.
import { toEsm } from '../build/stanza-esm.mjs';

export function stanzaEsmPlugin() {
  return {
    name: 'stanza-esm-command',
    executeCommand({ command, payload }) {
      // { code, file } -> { code } (the ES module) or { error } (what the transform refused)
      if (command !== 'stanza-to-esm') return undefined;
      try {
        return { code: toEsm(payload.code, payload.file) };
      } catch (e) {
        return { error: e.message };
      }
    },
  };
}
