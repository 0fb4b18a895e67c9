/**
 * The kit's Ethora modules on the cluster profile: a room that lives on node 1, used through node 2.
 * Delete, edit and XEP-0425 moderation rewrite the shared PostgreSQL archive (the moderation
 * notice reaches occupants on both nodes); ns:getrooms and ns:room:last on node 2 see the
 * room's state on node 1.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { childOf, freshClient, join, say, xmlAttr } from '../support/raw-client.js';

const SERVICES: string[] = (globalThis as { ETHORA_TEST_SERVICES?: string[] }).ETHORA_TEST_SERVICES ?? [];

describe('cluster: Ethora modules across nodes', () => {
  it('deletes and edits through node 2 in a room living on node 1; the shared archive is rewritten', async () => {
    const room = await newRoom('Across');
    const [alice, bob] = await Promise.all([freshClient('x2a', SERVICES[1]), freshClient('x1b', SERVICES[0])]);
    try {
      await join(alice, room);
      await join(bob, room);
      const gone = await say(alice, room, '<body>cluster secret</body>');
      const kept = await say(alice, room, '<body>cluster typo</body>');
      const relayed = bob.next((el) => el.getAttribute('id') === 'deleteMessageStanza', 'the delete on node 1');
      alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="deleteMessageStanza"><body>wow</body><delete id="${gone.stanzaId}"/></message>`);
      await relayed;
      await say(alice, room, `<replace id="${kept.stanzaId}" text="cluster fixed"/>`, `edit-message-${Date.now()}`);
      const archive = await server<Record<string, number>>('cluster-archive', { room });
      expect(archive).to.not.have.property('cluster secret');
      expect(archive).to.not.have.property('cluster typo');
      expect(archive['cluster fixed']).to.equal(1);
      expect(archive['']).to.equal(1);
      expect(archive).to.not.have.property('wow');

      await server('server-set-affiliation', { room, user: alice.jid, affiliation: 'member' });
      const rooms = await alice.iq('<iq type="get" id="{id}"><query xmlns="ns:getrooms"/></iq>');
      expect([...rooms.querySelectorAll('room')].map((r) => r.getAttribute('jid'))).to.include(room);
      const members = await alice.iq(`<iq type="get" id="{id}"><query xmlns="ns:room:last" room="${xmlAttr(room)}"/></iq>`);
      expect([...members.querySelectorAll('activity')].map((a) => a.getAttribute('jid'))).to.include.members([alice.jid, bob.jid]);

      // XEP-0425 from node 2 in the room on node 1: a participant is refused, an admin removes.
      const spam = await say(bob, room, '<body>cluster spam</body>');
      const moderate = `<iq type="set" id="{id}" to="${xmlAttr(room)}"><moderate xmlns="urn:xmpp:message-moderate:1" id="${spam.stanzaId}"><retract xmlns="urn:xmpp:message-retract:1"/><reason>Spam</reason></moderate></iq>`;
      expect((await alice.iq(moderate)).querySelector('error > forbidden'), 'a member may not moderate').to.exist;
      await server('server-set-affiliation', { room, user: alice.jid, affiliation: 'admin' });
      const notice = bob.next((el) => childOf(el, 'retract', 'urn:xmpp:message-retract:1')?.getAttribute('id') === spam.stanzaId, 'the notice on node 1');
      expect((await alice.iq(moderate)).getAttribute('type')).to.equal('result');
      await notice;
      expect(await server<Record<string, number>>('cluster-archive', { room })).to.not.have.property('cluster spam');
    } finally {
      alice.close();
      bob.close();
    }
  });
});
