import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dispatch, eventMessage } from '../events.js';
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
      if (e.kind === 'error') dispatch(this.host, 'ethora-error', { message: e.message, room: e.room });
      else if (e.kind === 'message-received') dispatch(this.host, 'ethora-message-received', { room: e.room, message: eventMessage(e.message) });
      else dispatch(this.host, 'ethora-message-sent', { room: e.room, message: eventMessage(e.message) });
    };
    this.off = [
      store.subscribe('connection', () => {
        const c = store.connection;
        if (c.status === this.last.status && c.attempt === this.last.attempt) return;
        this.last.status = c.status;
        this.last.attempt = c.attempt;
        dispatch(this.host, 'ethora-connection-change', { ...c });
        if (c.status === 'error' && c.reason) dispatch(this.host, 'ethora-error', { message: c.reason });
      }),
      store.subscribe('rooms', () => {
        const total = store.totalUnread;
        if (total !== this.last.unread) {
          this.last.unread = total;
          dispatch(this.host, 'ethora-unread-change', { total });
        }
        const room = store.activeRoom ?? '';
        if (room && room !== this.last.room) dispatch(this.host, 'ethora-room-open', { room });
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
