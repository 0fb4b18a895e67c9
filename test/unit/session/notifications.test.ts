import { expect } from '@open-wc/testing';
import { Notifier, shouldNotify, type NotificationCtor, type NotificationLike, type NotifyInput } from '../../../src/session/notifications.js';
import { ChatStore } from '../../../src/state/chat-store.js';

// The Notification API cannot be granted or shown reliably in headless Chromium, so the
// decision and the click behaviour are tested here with a fake constructor.

const base: NotifyInput = {
  enabled: true,
  permission: 'granted',
  hidden: true,
  blocked: false,
  room: { subscribed: true, muted: false },
  message: { own: false, system: false },
};

describe('shouldNotify', () => {
  it('notifies for someone else’s message in a subscribed, unmuted room while the page is hidden', () => {
    expect(shouldNotify(base)).to.equal(true);
  });

  it('stays silent when any condition fails', () => {
    const cases: Partial<NotifyInput>[] = [
      { enabled: false },
      { permission: 'default' },
      { permission: 'denied' },
      { permission: 'unsupported' },
      { hidden: false },
      { room: { subscribed: false, muted: false } },
      { room: { subscribed: true, muted: true } },
      { message: { own: true, system: false } },
      { message: { own: false, system: true } },
      { blocked: true },
    ];
    for (const c of cases) expect(shouldNotify({ ...base, ...c }), JSON.stringify(c)).to.equal(false);
  });
});

function fakeEnv(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: { title: string; body?: string; tag?: string; n: NotificationLike; closed: boolean }[] = [];
  let asked = 0;
  class FakeNotification implements NotificationLike {
    static permission: NotificationPermission = permission;
    static async requestPermission(): Promise<NotificationPermission> {
      asked++;
      FakeNotification.permission = answer;
      return answer;
    }
    onclick: NotificationLike['onclick'] = null;
    constructor(title: string, options?: { body?: string; tag?: string }) {
      shown.push({ title, body: options?.body, tag: options?.tag, n: this, closed: false });
    }
    close(): void {
      const entry = shown.find((s) => s.n === this);
      if (entry) entry.closed = true;
    }
  }
  const storage = new Map<string, string>();
  let hidden = true;
  let focused = 0;
  const env = {
    Notification: FakeNotification as unknown as NotificationCtor,
    hidden: () => hidden,
    focus: () => void focused++,
    storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
  };
  return { env, shown, storage, asked: () => asked, focused: () => focused, setHidden: (h: boolean) => (hidden = h) };
}

function setup(permission: NotificationPermission = 'default', answer?: NotificationPermission) {
  const store = new ChatStore();
  store.me = 'alice@localhost';
  const room = store.addRoom({ room: 'lobby@conference.localhost', name: 'Lobby <b>' }, 'subscription', 'alice');
  const fake = fakeEnv(permission, answer);
  const notifier = new Notifier(store, fake.env);
  const message = store.applyMessage({ room: room.jid, nick: 'bob', body: '<img src=x onerror=alert(1)>', stanzaId: 's1' }, true)!;
  return { store, room, fake, notifier, message };
}

describe('Notifier', () => {
  it('asks for permission only when enabled, remembers the choice per account, and shows plain text', async () => {
    const { fake, notifier, room, message } = setup();
    notifier.consider(room, message);
    expect(fake.shown).to.have.length(0);
    expect(fake.asked()).to.equal(0);
    expect(await notifier.enable()).to.equal('granted');
    expect(fake.asked()).to.equal(1);
    expect(fake.storage.get('ethora-chat:notify:alice@localhost')).to.equal('1');
    notifier.consider(room, message);
    expect(fake.shown.map(({ title, body, tag }) => ({ title, body, tag }))).to.deep.equal([
      { title: 'Lobby <b>', body: 'bob: <img src=x onerror=alert(1)>', tag: 'ethora-chat:lobby@conference.localhost' },
    ]);
  });

  it('a click focuses the window, opens the room and closes the notification', async () => {
    const { fake, notifier, room, message } = setup('granted');
    await notifier.enable();
    const opened: string[] = [];
    notifier.onOpen = (r) => opened.push(r);
    notifier.consider(room, message);
    fake.shown[0].n.onclick!.call(fake.shown[0].n, new Event('click'));
    expect(fake.focused()).to.equal(1);
    expect(opened).to.deep.equal(['lobby@conference.localhost']);
    expect(fake.shown[0].closed).to.equal(true);
  });

  it('stays off when the browser refuses permission', async () => {
    const { fake, notifier, room, message } = setup('default', 'denied');
    expect(await notifier.enable()).to.equal('denied');
    expect(notifier.enabled).to.equal(false);
    notifier.consider(room, message);
    expect(fake.shown).to.have.length(0);
  });

  it('shows nothing while the page is visible or for a muted room', async () => {
    const { fake, notifier, room, message, store } = setup('granted');
    await notifier.enable();
    fake.setHidden(false);
    notifier.consider(room, message);
    fake.setHidden(true);
    store.setMuted(room.jid, true);
    notifier.consider(room, message);
    expect(fake.shown).to.have.length(0);
    store.setMuted(room.jid, false);
    notifier.consider(room, message);
    expect(fake.shown).to.have.length(1);
  });

  it('does not read the browser permission for the messages of a visible page (a burst paid it each time)', async () => {
    const { fake, notifier, room, message } = setup('granted');
    await notifier.enable();
    let reads = 0;
    Object.defineProperty(fake.env.Notification, 'permission', { configurable: true, get: () => (reads++, 'granted') });
    fake.setHidden(false);
    for (let i = 0; i < 100; i++) notifier.consider(room, message);
    expect(reads).to.equal(0);
    expect(fake.shown).to.have.length(0);
    fake.setHidden(true);
    notifier.consider(room, message);
    expect(reads).to.equal(1);
    expect(fake.shown).to.have.length(1);
  });

  it('reports unsupported without the API', async () => {
    const store = new ChatStore();
    const notifier = new Notifier(store, { hidden: () => true, focus: () => undefined });
    expect(notifier.permission).to.equal('unsupported');
    expect(await notifier.enable()).to.equal('unsupported');
  });
});
