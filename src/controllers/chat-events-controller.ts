import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  EthoraConnectionChangeEvent,
  EthoraErrorEvent,
  EthoraMessageReceivedEvent,
  EthoraMessageSentEvent,
  EthoraRoomOpenEvent,
  EthoraUnreadChangeEvent,
  eventMessage,
} from '../events/session-events.js';
import type { ChatSession } from '../session/chat-session.js';

/**
 * Turns the session's state changes into the host page's DOM events on the host element:
 * connection changes, unread total changes, room opened, messages received and sent, errors.
 */
export class ChatEventsController implements ReactiveController {
  private off: Array<() => void> = [];
  private last = { status: '', attempt: -1, unread: -1, room: '' };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly session: ChatSession,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { store } = this.session;
    this.session.listener = (e) => {
      const host = this.host;
      if (e.kind === 'error') host.dispatchEvent(new EthoraErrorEvent({ message: e.message, room: e.room }));
      else if (e.kind === 'message-received') host.dispatchEvent(new EthoraMessageReceivedEvent({ room: e.room, message: eventMessage(e.message) }));
      else host.dispatchEvent(new EthoraMessageSentEvent({ room: e.room, message: eventMessage(e.message) }));
    };
    this.off = [
      store.subscribe('connection', () => {
        const c = store.connection;
        if (c.status === this.last.status && c.attempt === this.last.attempt) return;
        this.last.status = c.status;
        this.last.attempt = c.attempt;
        this.host.dispatchEvent(new EthoraConnectionChangeEvent({ ...c }));
        if (c.status === 'error' && c.reason) this.host.dispatchEvent(new EthoraErrorEvent({ message: c.reason }));
      }),
      store.subscribe('rooms', () => {
        const total = store.totalUnread;
        if (total !== this.last.unread) {
          this.last.unread = total;
          this.host.dispatchEvent(new EthoraUnreadChangeEvent({ total }));
        }
        const room = store.activeRoom ?? '';
        if (room && room !== this.last.room) this.host.dispatchEvent(new EthoraRoomOpenEvent({ room }));
        this.last.room = room;
      }),
    ];
  }

  hostDisconnected(): void {
    for (const off of this.off) off();
    this.off = [];
    this.session.listener = undefined;
  }
}
