import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import type { Topic } from '../state/chat-store.js';

/** Longest wait for a render when the page gets no animation frames (hidden tab). */
const HIDDEN_PAGE_DELAY = 100;
/** About one frame (ms): a change closer than this to the one before waits for the next frame. */
const FRAME = 16;

/** The renders waiting for the next animation frame: one frame request and one timer serve them all. */
const waiting = new Set<() => void>();
let frameAsked = false;
let standingIn = false;

function nextFrame(render: () => void): void {
  waiting.add(render);
  if (!frameAsked) {
    frameAsked = true;
    requestAnimationFrame(renderWaiting);
  }
  if (!standingIn) {
    standingIn = true;
    setTimeout(standIn, HIDDEN_PAGE_DELAY);
  }
}

/**
 * Runs the waiting renders: in the frame, or from the timer on a hidden page (whose frame, still
 * asked for, finds none). One that throws does not keep the others from rendering.
 */
function renderWaiting(frame?: number): void {
  if (frame !== undefined) frameAsked = false;
  const due = [...waiting];
  waiting.clear();
  for (const render of due) {
    try {
      render();
    } catch (e) {
      reportError(e);
    }
  }
}

/**
 * Renders a hidden page, which gets no frames. A visible page keeps waiting for its frame, even
 * when a busy main thread delays it past the delay: rendering in a task there and again in the
 * frame made each frame of a burst twice the work.
 */
function standIn(): void {
  standingIn = false;
  if (!waiting.size) return;
  if (document.visibilityState === 'hidden') renderWaiting();
  else {
    standingIn = true;
    setTimeout(standIn, HIDDEN_PAGE_DELAY);
  }
}

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
   * A change after a quiet frame renders at once (in this task's microtasks, after what the code
   * that made the change queues to send: one message shows without waiting for a frame). Changes
   * that follow within a frame of another change wait for the next animation frame: a burst of
   * stanzas (each its own task) renders about once a frame, not once each. Hidden pages get no
   * frames, so a timer stands in for them (standIn), one for every controller waiting.
   */
  private readonly onChange = (): void => {
    const now = performance.now();
    const quiet = now - this.changedAt >= FRAME;
    this.changedAt = now;
    if (this.scheduled) return;
    this.scheduled = true;
    if (quiet) {
      queueMicrotask(this.later);
      return;
    }
    nextFrame(this.later);
  };

  private readonly later = (): void => {
    if (this.scheduled) this.flush();
  };

  /**
   * Renders, once the stanzas the session queued are written: a render holds the main thread for
   * milliseconds, and the network goes first (a room's join and newest page at sign-in).
   */
  private flush(): void {
    const writing = this.source().session?.written();
    this.scheduled = !!writing;
    if (writing) void writing.then(this.later);
    else this.host.requestUpdate();
  }

  private scheduled = false;
  /** When the state last changed (performance.now()). */
  private changedAt = -Infinity;
}
