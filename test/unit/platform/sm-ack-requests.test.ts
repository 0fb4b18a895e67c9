import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';

/** What reached the transport, as "kind" or "kind:type". */
type Written = string[];

/** The tests' StanzaJS client (the script's build) with stream management started and a recording transport. */
function streamManaged() {
  const client = Stanza.createClient({ jid: 'user@example.com' });
  const written: Written = [];
  const transport = (tag: string) => ({
    send: async (kind: string, data: { type?: string }) => void written.push(`${tag}${kind}${kind === 'sm' ? `:${data.type}` : ''}`),
  });
  const c = client as unknown as { transport: unknown; sm: { outboundStarted: boolean; unacked: unknown[] } };
  c.transport = transport('');
  c.sm.outboundStarted = true;
  return { client, written, c, transport };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTask();
};

describe('XEP-0198 ack requests (build/stanza-edits.mjs)', () => {
  it('asks once for what one task wrote, after it: a session start writes ten stanzas and one <r/>', async () => {
    const { client, written, c } = streamManaged();
    client.sendPresence();
    for (let i = 0; i < 8; i++) client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: `m${i}` });
    void client.sendIQ({ type: 'get', to: 'example.com', disco: { type: 'info' } } as never).catch(() => {});
    await settle();
    expect(written).to.deep.equal(['presence', ...Array<string>(8).fill('message'), 'iq', 'sm:request']);
    expect(c.sm.unacked).to.have.length(10);
  });

  it('asks again for what a later task writes', async () => {
    const { client, written } = streamManaged();
    client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: 'first' });
    await settle();
    client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: 'second' });
    await settle();
    expect(written).to.deep.equal(['message', 'sm:request', 'message', 'sm:request']);
  });

  it('does not ask on another transport than the one the stanzas went on', async () => {
    const { client, written, c, transport } = streamManaged();
    client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: 'before the cut' });
    // The stanza is written within this task's microtasks; the ack request waits for a later task.
    for (let i = 0; i < 50 && !written.length; i++) await Promise.resolve();
    expect(written).to.deep.equal(['message']);
    c.transport = transport('new:');
    await settle();
    expect(written).to.deep.equal(['message']);
  });

  it('does not ask on a transport that is closing (no <r/> after our <close/>)', async () => {
    const { client, written, c } = streamManaged();
    client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: 'last words' });
    for (let i = 0; i < 50 && !written.length; i++) await Promise.resolve();
    (c.transport as { closing?: boolean }).closing = true;
    await settle();
    expect(written).to.deep.equal(['message']);
  });

  it('sends nothing extra for stanzas stream management does not count', async () => {
    const { client, written, c } = streamManaged();
    c.sm.outboundStarted = false;
    client.sendMessage({ to: 'room@muc.example.com', type: 'groupchat', body: 'before enable' });
    await settle();
    expect(written).to.deep.equal(['message']);
  });
});
