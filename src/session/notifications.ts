/**
 * Browser notifications (Notification API) for new messages while the page is hidden.
 * The decision is a pure function (shouldNotify); the Notifier holds the user's choice (per
 * account, in localStorage: permission is per browser anyway) and asks for permission only
 * when the user turns notifications on (a user gesture). Clicking a notification focuses the
 * window and opens the room.
 */
import type { ChatStore } from '../state/chat-store.js';
import type { Message } from '../state/message.js';
import type { Room } from '../state/room.js';
import { mediaLabel } from '../state/message.js';
import { readStored, writeStored } from '../platform/local-storage.js';

export type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

/** The part of the Notification API the widget uses (a fake one in unit tests). */
export interface NotificationLike {
  onclick: ((this: NotificationLike, ev: Event) => unknown) | null;
  close(): void;
}
export interface NotificationCtor {
  new (title: string, options?: { body?: string; tag?: string; lang?: string }): NotificationLike;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** Where the Notifier meets the browser; every part replaceable in tests. */
export interface NotificationEnv {
  Notification?: NotificationCtor;
  /** The page is not visible (another tab, minimised). */
  hidden(): boolean;
  /** Brings the window to the front. */
  focus(): void;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

export interface NotifyInput {
  /** The user turned notifications on. */
  enabled: boolean;
  permission: Permission;
  /** The page is hidden. */
  hidden: boolean;
  room: Pick<Room, 'subscribed' | 'muted'>;
  message: Pick<Message, 'own' | 'system'>;
  /** From someone the user blocked. */
  blocked: boolean;
}

/** Notify for someone else's new message in a subscribed, unmuted room while the page is hidden. */
export function shouldNotify(i: NotifyInput): boolean {
  return i.enabled && i.permission === 'granted' && i.hidden && i.room.subscribed && !i.room.muted && !i.message.own && !i.message.system && !i.blocked;
}

function browserEnv(): NotificationEnv {
  const g = globalThis as { Notification?: NotificationCtor; document?: Document; focus?: () => void };
  return {
    Notification: g.Notification,
    hidden: () => g.document?.visibilityState === 'hidden',
    focus: () => g.focus?.(),
    storage: { getItem: readStored, setItem: writeStored },
  };
}

export class Notifier {
  /** Called when the user clicks a notification: open that room. */
  onOpen?: (room: string) => void;
  private readonly env: NotificationEnv;
  private readonly open = new Map<string, NotificationLike>();
  /** The choice when storage is unavailable. */
  private memory = false;

  constructor(
    private readonly store: ChatStore,
    env?: NotificationEnv,
  ) {
    this.env = env ?? browserEnv();
  }

  get permission(): Permission {
    return this.env.Notification ? this.env.Notification.permission : 'unsupported';
  }

  /** The user's choice for this account (permission aside). */
  get enabled(): boolean {
    try {
      const stored = this.env.storage?.getItem(this.key);
      return stored === null || stored === undefined ? this.memory : stored === '1';
    } catch {
      return this.memory;
    }
  }

  /**
   * Turns notifications on: asks the browser's permission (call from a user gesture). Resolves
   * to the permission; notifications are on only when it is 'granted'.
   */
  async enable(): Promise<Permission> {
    const N = this.env.Notification;
    if (!N) return 'unsupported';
    const permission = N.permission === 'default' ? await N.requestPermission() : N.permission;
    this.remember(permission === 'granted');
    return permission;
  }

  disable(): void {
    this.remember(false);
  }

  /** A new message arrived live: show a notification if shouldNotify says so. */
  consider(room: Room, message: Message): void {
    const N = this.env.Notification;
    // Nothing is notified on a visible page. Ask first: Notification.permission goes to the
    // browser process (about 1 ms a read in Chromium), which a burst of messages paid each time.
    if (!N || !this.env.hidden()) return;
    const input: NotifyInput = {
      enabled: this.enabled,
      permission: this.permission,
      hidden: true,
      room,
      message,
      blocked: this.store.isHidden(message),
    };
    if (!shouldNotify(input)) return;
    const text = message.deleted ? '' : message.media ? mediaLabel(message.media) : message.body;
    try {
      this.open.get(room.jid)?.close();
      // Title and body are plain text for the browser, never markup.
      const n = new N(room.title, { body: `${message.senderName}: ${text.slice(0, 140)}`, tag: `ethora-chat:${room.jid}` });
      n.onclick = () => {
        this.env.focus();
        this.onOpen?.(room.jid);
        n.close();
      };
      this.open.set(room.jid, n);
    } catch (err) {
      // Chrome on Android allows notifications only from a service worker.
      console.warn('ethora-chat: could not show a notification', err);
    }
  }

  /** Closes what is still shown (the session ends). */
  closeAll(): void {
    for (const n of this.open.values()) n.close();
    this.open.clear();
  }

  private get key(): string {
    return `ethora-chat:notify:${this.store.me || 'default'}`;
  }

  private remember(on: boolean): void {
    this.memory = on;
    try {
      this.env.storage?.setItem(this.key, on ? '1' : '0');
    } catch {
      /* remembered for this page only */
    }
    this.store.touchSocial();
  }
}
