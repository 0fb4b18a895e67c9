// The integration core (sign-in, history, sending, reconnecting: the same scenarios as the
// integration suite, test/integration/core-scenarios.ts; and a language from beside the script)
// against the minified dist/ethora-chat.js itself: the code that ships, not src/.
import { expect } from '@open-wc/testing';
import { exchangeMessages, pageBackToStart, signInThroughForm, surviveRestart } from '../integration/core-scenarios.js';
import { mountChat, statusText } from '../integration/harness.js';
import { newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { loadShippedScript } from './load-script.js';

describe('shipped: dist/ethora-chat.js', function () {
  this.timeout(90000);
  before(async () => {
    await loadShippedScript('/dist/ethora-chat.js');
    // Nothing from src/ on this page: the elements are the script's.
    expect(customElements.get('ethora-chat')).to.exist;
  });
  afterEach(async () => {
    await server('server-start'); // never leave the shared server down
  });

  it('refuses a wrong password', async () => {
    const u = await newUser('sh-wrong');
    const wrong = await mountChat({ jid: u.jid, password: 'not-the-password' });
    await until(() => statusText(wrong).startsWith('Error'), 'the error state');
    expect(statusText(wrong)).to.match(/wrong (username or )?password/i);
  });

  it('signs in through the form', () => signInThroughForm('sh-form', 'Shipped form'));

  it('sends and receives through the real server, each message once, confirmed', () => exchangeMessages('sh', 'Shipped'));

  it('pages back through the archive to the start of a 60-message room', () => pageBackToStart('sh-hist', 'Shipped history', 60));

  it('survives a server restart: what was typed meanwhile arrives once', () => surviveRestart('sh-restart', 'Shipped restart'));

  it('speaks Spanish with the catalogue fetched from beside the script', async () => {
    const u = await newUser('sh-es');
    const wrap = await mountChat({ jid: u.jid, password: u.password });
    wrap.lang = 'es';
    await until(() => statusText(wrap) === 'En línea', 'the Spanish status');
    const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(fetched).to.include('/dist/ethora-chat-es.json');
    expect(fetched).not.to.include('/dist/ethora-chat-ar.json');
  });
});
