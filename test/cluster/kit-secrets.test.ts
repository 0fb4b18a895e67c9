/**
 * The cluster profile's nodes share one random Erlang cookie of their state folder (it was the fixed
 * "ethora_cluster_cookie"), and their admin API refuses requests without the kit's credentials.
 */
import { expect } from '@open-wc/testing';
import { server } from '../support/kit.js';

describe('cluster: kit secrets', () => {
  it('runs both nodes with the state folder’s random cookie', async () => {
    const c = await server<{ running: string[]; stored: string }>('server-cookies');
    expect(c.stored).to.match(/^[0-9a-f]{40}$/);
    expect(c.running).to.deep.equal([c.stored, c.stored]);
    expect(c.running).to.not.include('ethora_cluster_cookie');
  });

  it('refuses the admin API without the kit’s credentials on both nodes', async () => {
    for (const node of [1, 2]) {
      const none = await server<{ status: number }>('server-api-as', { command: 'status', auth: 'none', contentType: 'text/plain', node });
      expect(none.status, `node ${node} without credentials`).to.equal(403);
      const ok = await server<{ status: number; text: string }>('server-api-as', { command: 'status', node });
      expect(ok.status, `node ${node} with them`).to.equal(200);
      expect(ok.text).to.contain(`ethora-c${node}@localhost`);
    }
  });
});
