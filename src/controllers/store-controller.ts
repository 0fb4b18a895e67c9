import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import type { Topic } from '../state/chat-store.js';

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

  private readonly onChange = (): void => this.host.requestUpdate();
}
