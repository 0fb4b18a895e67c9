/**
 * Credentials on a public page: the password a user types, or a page gives, must not reach any
 * event, attribute, DOM node or storage that another script on the page can read; and a page
 * can hand credentials through a callback that is asked again on every reconnect.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { joined, mountChat, online, statusText, type, bodies } from './harness.js';
import { PROXY, SERVICE, fault, newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

/** Every event dispatched anywhere on the page, as a hostile analytics script could record it. */
function recordAllEvents(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this, event)
  const original = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    const detail = (event as CustomEvent<unknown>).detail;
    try {
      seen.push(`${event.type} ${JSON.stringify(detail ?? null)}`);
    } catch {
      seen.push(`${event.type} ${String(detail)}`);
    }
    return original.call(this, event);
  };
  const capture = (e: Event) => seen.push(`${e.type} ${JSON.stringify((e as CustomEvent).detail ?? null)}`);
  const names = ['ethora-login', 'ethora-connection-change', 'ethora-error'];
  for (const n of names) document.addEventListener(n, capture, true);
  return {
    seen,
    stop() {
      EventTarget.prototype.dispatchEvent = original;
      for (const n of names) document.removeEventListener(n, capture, true);
    },
  };
}

/** Every attribute value and input value in the widget's light and shadow trees. */
function everythingInTheDom(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: Element | ShadowRoot) => {
    if (node instanceof Element) {
      for (const a of node.getAttributeNames()) out.push(node.getAttribute(a) ?? '');
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) out.push(node.value);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.children) walk(child);
  };
  walk(root);
  out.push(root.shadowRoot?.textContent ?? '');
  return out;
}

function storageText(): string {
  const all: string[] = [];
  for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) all.push(`${s.key(i)}=${s.getItem(s.key(i)!)}`);
  return all.join('\n') + document.cookie;
}

describe('credentials stay private', () => {
  it('a password typed in the sign-in form reaches no event, attribute, DOM node or storage', async () => {
    const u = await newUser('cred');
    const events = recordAllEvents();
    try {
      const wrap = await fixture<HTMLElement>(html`<div style="height:500px;width:800px"><ethora-chat service=${SERVICE}></ethora-chat></div>`);
      const chat = wrap.querySelector('ethora-chat') as ChatElement;
      const login = await until(() => chat.shadowRoot?.querySelector('ethora-login')?.shadowRoot?.querySelector('form'), 'the sign-in form');
      (login.querySelector('input[name=jid]') as HTMLInputElement).value = u.jid;
      (login.querySelector('input[name=password]') as HTMLInputElement).value = u.password;
      login.requestSubmit();
      await online(chat);
      expect(
        events.seen.some((e) => e.startsWith('ethora-login')),
        'the page still hears that the user signed in',
      ).to.equal(true);
      const leaks = events.seen.filter((e) => e.includes(u.password));
      expect(leaks, 'events carrying the password').to.deep.equal([]);
      expect(everythingInTheDom(chat).filter((v) => v.includes(u.password))).to.deep.equal([]);
      expect((chat as unknown as { password: string }).password).to.equal('');
      expect(storageText()).not.to.include(u.password);
    } finally {
      events.stop();
    }
  });

  it('a password given as an attribute is taken out of the markup once read', async () => {
    const u = await newUser('credattr');
    const chat = await mountChat({ jid: u.jid, password: u.password });
    await online(chat);
    expect(chat.hasAttribute('password')).to.equal(false);
    expect(chat.password).to.equal('');
    expect(everythingInTheDom(chat.parentElement!).filter((v) => v.includes(u.password))).to.deep.equal([]);
  });
});

describe('credentials callback', () => {
  it('is asked before the first connect and again on a reconnect, so a renewed password is used', async () => {
    const u = await newUser('credcb');
    const room = await newRoom('Callback room');
    let password = u.password;
    let calls = 0;
    const wrap = await fixture<HTMLElement>(html`<div style="height:500px;width:800px"><ethora-chat service=${PROXY} rooms=${room}
      .keepAlive=${{ interval: 2, timeout: 2 }} .credentials=${async () => (calls++, { jid: u.jid, password })}></ethora-chat></div>`);
    const chat = wrap.querySelector('ethora-chat') as ChatElement;
    await joined(chat, room);
    expect(calls).to.equal(1);
    expect(chat.shadowRoot?.querySelector('ethora-login'), 'no sign-in form with a callback').to.equal(null);
    // The server changes the password (a token expired); the old one would now be refused.
    password = `renewed-${u.password}`;
    await server('server-register', { user: u.user, password });
    expect(await fault('cut')).to.be.at.least(1);
    await until(() => calls >= 2, 'the callback to be asked again', 30000);
    await online(chat);
    type(chat, 'after the renewal');
    await until(() => bodies(chat).includes('after the renewal') && statusText(chat) === 'Online', 'the message to be shown');
    const sent = await until(
      () => chat.shadowRoot?.querySelector('ethora-room')?.shadowRoot?.querySelector('ethora-message[status=sent]'),
      'the message to be confirmed',
      20000,
    );
    expect(sent).to.exist;
  });

  it('a failing callback is shown as an error with Retry, and Retry asks again', async () => {
    const u = await newUser('credfail');
    let fail = true;
    const wrap = await fixture<HTMLElement>(html`<div style="height:500px;width:800px"><ethora-chat service=${SERVICE}
      .credentials=${async () => {
        if (fail) throw new Error('token service down');
        return { jid: u.jid, password: u.password };
      }}></ethora-chat></div>`);
    const chat = wrap.querySelector('ethora-chat') as ChatElement;
    await until(() => statusText(chat).includes('token service down'), 'the error to be shown');
    fail = false;
    const retry = chat.shadowRoot?.querySelector('ethora-connection-status')?.shadowRoot?.querySelector<HTMLButtonElement>('[part=retry]');
    expect(retry, 'a Retry button').to.exist;
    retry!.click();
    await online(chat);
  });
});
