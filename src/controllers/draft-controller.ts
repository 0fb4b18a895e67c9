import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import type { DraftMode } from '../session/drafts.js';
import type { ComposerElement, ComposerMode } from '../elements/composer-element.js';

/** The composer's reply or edit, with the key of its message (as <ethora-room> holds it). */
export type RoomMode = ComposerMode & { key: string };

export interface DraftConfig {
  session: () => ChatSession | undefined;
  room: () => string;
  composer: () => ComposerElement | null | undefined;
  mode: () => RoomMode | undefined;
  setMode: (mode: RoomMode | undefined) => void;
}

export function toDraftMode(m: RoomMode): DraftMode {
  return m.kind === 'edit' ? { kind: 'edit', key: m.key, text: m.text } : { kind: 'reply', key: m.key, author: m.author, text: m.text };
}

function fromDraftMode(m: DraftMode): RoomMode {
  return m.kind === 'edit' ? { kind: 'edit', key: m.key, text: m.text } : { kind: 'reply', key: m.key, author: m.author ?? '', text: m.text };
}

/**
 * Keeps the room's draft (session/drafts.ts) equal to its composer: the text as typed, and a
 * pending reply or edit; puts it back when the room is shown again (another room, a reload).
 * The host calls `saveSoon()` on the composer's input and on a mode change, `clear()` on send.
 */
export class DraftController implements ReactiveController {
  /** The room whose draft the composer shows ('' until one is put back). */
  private shown = '';
  private restoring = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: DraftConfig,
  ) {
    host.addController(this);
  }

  /** Before a render: another room takes its own reply or edit back. */
  hostUpdate(): void {
    const room = this.config.room();
    if (room === this.shown || this.restoring) return;
    const mode = this.config.session()?.drafts.get(room)?.mode;
    this.config.setMode(mode ? fromDraftMode(mode) : undefined);
  }

  /** After a render: the composer gets the room's text once it has applied the mode. */
  hostUpdated(): void {
    const room = this.config.room();
    if (room === this.shown || this.restoring) return;
    // Looked up only now: the composer comes after every rendered row in the room's shadow root.
    const composer = this.config.composer();
    if (!composer) return;
    this.restoring = true;
    void composer.updateComplete.then(() => {
      this.restoring = false;
      if (this.config.room() !== room) return;
      composer.text = this.config.session()?.drafts.get(room)?.text ?? '';
      this.shown = room;
    });
  }

  /** The composer's text or mode changed: kept once the composer shows it. */
  saveSoon(): void {
    const room = this.config.room();
    const composer = this.config.composer();
    if (!composer || room !== this.shown) return;
    void composer.updateComplete.then(() => {
      if (this.config.room() !== room || this.shown !== room) return;
      const mode = this.config.mode();
      this.config.session()?.drafts.set(room, { text: composer.text, ...(mode ? { mode: toDraftMode(mode) } : {}) });
    });
  }

  /** Sent: the room's draft is gone. */
  clear(): void {
    this.config.session()?.drafts.set(this.config.room(), undefined);
  }
}
