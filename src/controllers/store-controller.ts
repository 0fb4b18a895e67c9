import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import type { Topic } from '../state/chat-store.js';

/** Longest wait for a render when the page gets no animation frames (hidden tab). */
const HIDDEN_PAGE_DELAY = 100;

/**
 * Re-renders its host when one slice of the chat state changes: the connection, the room
 * list, or one room. The host says which session and topic through getters, and calls
 * `refresh()` when either may have changed (e.g. a new `room` property).
 */
export class StoreController implements ReactiveController {
  private unsubscribe?: () => void;
  private subscribed?: { session: ChatSession; topic: Topic };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { session?: ChatSession; topic?: Topic },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.subscribed = undefined;
  }

  /** Follows the host's current session and topic; a no-op when neither changed. */
  refresh(): void {
    const { session, topic } = this.source();
    if (this.subscribed?.session === session && this.subscribed?.topic === topic) return;
    this.unsubscribe?.();
    this.unsubscribe = this.subscribed = undefined;
    if (!session || !topic) return;
    this.subscribed = { session, topic };
    this.unsubscribe = session.store.subscribe(topic, this.onChange);
    this.host.requestUpdate();
  }

  /**
   * One render per frame at most: a burst of stanzas (each its own task) changes the state many
   * times between two frames, and rendering the room for each would redo the same work. Hidden
   * pages get no frames, so a timer stands in for them.
   */
  private readonly onChange = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = (): void => {
      if (!this.scheduled) return;
      this.scheduled = false;
      this.host.requestUpdate();
    };
    requestAnimationFrame(flush);
    setTimeout(flush, HIDDEN_PAGE_DELAY);
  };

  private scheduled = false;
}
