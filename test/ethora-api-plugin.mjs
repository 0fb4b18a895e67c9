// @web/test-runner plugin around the Ethora REST API stand-in (test/ethora-api-server.mjs).
import { startEthoraApi } from './ethora-api-server.mjs';

/**
 * @web/test-runner plugin: runs the stand-in for the test run and lets tests drive it with
 * executeServerCommand: ethora-api-user, ethora-api-room, ethora-api-expire, ethora-api-stats.
 * `info()` gives { url, appToken } for the test page.
 */
export function ethoraApiPlugin() {
  let api;
  return {
    name: 'ethora-api-stand-in',
    info: () => (api ? { url: api.url, appToken: api.appToken } : undefined),
    async serverStart() {
      api = await startEthoraApi();
    },
    async serverStop() {
      await api?.close();
    },
    async executeCommand({ command, payload = {} }) {
      switch (command) {
        // { firstName? } -> { email, password, xmppUsername, jid, jwt }
        case 'ethora-api-user':
          return api.addUser(payload);
        // { title, members: [email] } -> room JID
        case 'ethora-api-room':
          return api.addRoom(payload);
        case 'ethora-api-expire':
          api.expireTokens(payload.email);
          return true;
        case 'ethora-api-stats':
          return api.stats(payload.email);
        case 'ethora-api-delay-uploads':
          api.delayUploads(payload.ms);
          return true;
        case 'ethora-api-delay-room-list':
          api.delayRoomList(payload.ms);
          return true;
        default:
          return undefined;
      }
    },
  };
}
