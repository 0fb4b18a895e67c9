/**
 * Drafts: what the user typed in a room and not sent yet, with a pending reply or edit, per
 * account. They survive switching rooms (memory) and reloading (localStorage, key
 * `ethora-chat:drafts:<account>`), unless the widget keeps no data (`persist-outbox="false"`):
 * then memory only, and what an earlier page stored is erased. Sending clears a room's draft;
 * sign-out erases the account's. Where storage is blocked they are in memory only.
 */
import { readStored, writeStored } from '../platform/local-storage.js';

/** A reply or edit waiting in the composer: the message's key, and what the composer shows of it. */
export interface DraftMode {
  kind: 'edit' | 'reply';
  key: string;
  /** The replied-to message's author (reply). */
  author?: string;
  /** The edited text (edit) or the quoted start (reply). */
  text: string;
}

export interface Draft {
  text: string;
  mode?: DraftMode;
}

/** Rooms kept, and characters per text: the composer's own limit with room to spare. */
const MAX_ROOMS = 200;
const MAX_TEXT = 12_000;

const keyOf = (account: string) => `ethora-chat:drafts:${account}`;

/** A stored value, if it has a draft's shape (storage is shared with the page's other scripts). */
function parseDraft(v: unknown): Draft | undefined {
  const d = v as Partial<Draft> | null;
  if (!d || typeof d.text !== 'string') return undefined;
  const m = d.mode as Partial<DraftMode> | undefined;
  const mode =
    m && (m.kind === 'edit' || m.kind === 'reply') && typeof m.key === 'string' && typeof m.text === 'string'
      ? { kind: m.kind, key: m.key, text: m.text.slice(0, MAX_TEXT), ...(typeof m.author === 'string' ? { author: m.author } : {}) }
      : undefined;
  return { text: d.text.slice(0, MAX_TEXT), ...(mode ? { mode } : {}) };
}

export class Drafts {
  private account = '';
  private persist = false;
  private readonly rooms = new Map<string, Draft>();

  /** Stored drafts not read yet: read when first asked for, not at start (nothing shows them before a room does). */
  private unread = false;

  /** Starts the account's drafts: read back from storage when first needed, or (persist false) erased there. */
  open(account: string, persist: boolean): void {
    if (account !== this.account) this.rooms.clear();
    this.account = account;
    this.persist = persist;
    this.unread = persist;
    if (!persist) Drafts.forget(account);
  }

  get(room: string): Draft | undefined {
    this.read();
    return this.rooms.get(room);
  }

  /** Keeps (or, empty, clears) the room's draft. */
  set(room: string, draft: Draft | undefined): void {
    if (!this.account) return;
    this.read();
    if (draft && (draft.text.trim() || draft.mode)) {
      this.rooms.delete(room);
      this.rooms.set(room, { text: draft.text.slice(0, MAX_TEXT), ...(draft.mode ? { mode: draft.mode } : {}) });
      if (this.rooms.size > MAX_ROOMS) this.rooms.delete(this.rooms.keys().next().value!);
    } else if (!this.rooms.delete(room)) return;
    this.save();
  }

  /** Sign-out: the account's drafts are gone, here and in storage. */
  signOut(): void {
    this.rooms.clear();
    this.unread = false;
    if (this.account) Drafts.forget(this.account);
  }

  static forget(account: string): void {
    writeStored(keyOf(account), undefined);
  }

  /** Reads the account's stored drafts once (what this page holds already wins). */
  private read(): void {
    if (!this.unread) return;
    this.unread = false;
    try {
      const stored = JSON.parse(readStored(keyOf(this.account)) ?? '{}') as Record<string, unknown>;
      for (const [room, value] of Object.entries(stored).slice(0, MAX_ROOMS)) {
        const draft = parseDraft(value);
        if (draft && !this.rooms.has(room)) this.rooms.set(room, draft);
      }
    } catch {
      /* unreadable: no drafts */
    }
  }

  private save(): void {
    if (!this.persist) return;
    // Full or blocked storage: memory only.
    writeStored(keyOf(this.account), this.rooms.size ? JSON.stringify(Object.fromEntries(this.rooms)) : undefined);
  }
}
