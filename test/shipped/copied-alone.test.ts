// A page that copied only the one script, without the catalogue files beside it: a language
// other than English falls back to English, with no error shown and nothing logged by the widget.
import { expect } from '@open-wc/testing';
import { joined, mountChat, roomView, statusText } from '../integration/harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';
import { loadShippedScript } from './load-script.js';

describe('shipped: the script copied alone', () => {
  const logged: string[] = [];
  const originals = { error: console.error, warn: console.warn };
  before(async () => {
    // web-test-runner.config.mjs serves dist/ethora-chat.js here, and nothing else in the folder.
    await loadShippedScript('/test/shipped/copied/ethora-chat.js');
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    console.warn = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  });
  after(() => Object.assign(console, originals));

  it('shows Arabic layout with English texts when the catalogue cannot be fetched', async () => {
    const u = await newUser('alone');
    const room = await newRoom('Alone');
    const wrap = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    wrap.lang = 'ar';
    await joined(wrap, room);
    await until(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/test/shipped/copied/ethora-chat-ar.json')), 'the fetch');
    // Still English after the failed fetch: no error state, no error box.
    await new Promise((r) => setTimeout(r, 200));
    expect(statusText(wrap)).to.equal('Online');
    expect(wrap.shadowRoot!.querySelector('[part=frame]')!.getAttribute('dir')).to.equal('rtl');
    expect(roomView(wrap)!.querySelector('ethora-composer')!.shadowRoot!.querySelector('[part=send]')!.textContent).to.equal('Send');
    expect(wrap.shadowRoot!.querySelector('[role=alert], [part=error]')).to.equal(null);
    expect(logged).to.deep.equal([]);
  });
});
