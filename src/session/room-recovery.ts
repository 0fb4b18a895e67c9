/**
 * Room recovery when the server node hosting a room goes away while our own connection lives
 * (an ejabberd cluster: a room is one process on one node). The room tells us with a
 * self-presence "unavailable" + status 332 (system shutdown) on a clean stop; after a crash
 * nothing comes until our next message bounces with not-acceptable ("Only occupants are
 * allowed…"), or, in the instant before the cluster notices, is silently dropped (no echo).
 * Each of these starts one rejoin of the room (re-created on a surviving node from its
 * storage); the session then catches up from MAM and resends what was not confirmed.
 * This module decides when and retries; the session does the joining.
 */
import type { WireMessageError, WireOccupant } from '../protocol/types.js';
import type { JoinState } from '../state/room.js';

export type RejoinReason = 'shutdown' | 'not-occupant' | 'no-echo';

/** Whether a room presence means "the room went away under you: join again" (a shutdown, not
 *  being put out on purpose: the parser gives a ban or kick sent with a shutdown as the ban). */
export function rejoinReasonOfPresence(o: WireOccupant): RejoinReason | undefined {
  if (!o.self || o.available || o.newNick) return undefined;
  return o.exit === 'shutdown' ? 'shutdown' : undefined;
}

/** Whether a bounce of our message means the room no longer counts us as an occupant. */
export function rejoinReasonOfError(e: WireMessageError): RejoinReason | undefined {
  return e.condition === 'not-acceptable' ? 'not-occupant' : undefined;
}

export interface RecoveryHooks {
  /** Joins the room again (timeout `timeoutMs`), catches up and resends. Resolves true when joined,
   *  false when it cannot be tried now (offline: the next session rejoins anyway); rejects when
   *  the join failed. `last`: no attempt follows, so a failure is the user's to see. */
  rejoin(room: string, timeoutMs: number, last: boolean): Promise<boolean>;
  /** Whether our message `id` in `room` still waits for the room's echo. */
  isPending(room: string, id: string): boolean;
}

export interface RecoveryOptions {
  /** A message of ours not echoed within this time makes the room suspect (ms). */
  echoTimeoutMs: number;
  /** Join timeout of the first attempt (ms), growing by as much with each attempt: short, because
   *  a node shutting down swallows joins until the cluster has moved its rooms away. */
  joinTimeoutMs: number;
  /** Waits before the attempts (ms); the number of entries is the number of attempts. */
  retryDelaysMs: readonly number[];
  /** Recoveries of a room in a row without a confirmed message in between, before giving up. */
  maxInARow: number;
}

export const RECOVERY_DEFAULTS: RecoveryOptions = { echoTimeoutMs: 10000, joinTimeoutMs: 1500, retryDelaysMs: [0, 250, 500, 1000, 2000, 4000], maxInARow: 5 };

export class RoomRecovery {
  private readonly running = new Map<string, Promise<void>>();
  private readonly inARow = new Map<string, number>();
  private readonly echoTimers = new Map<string, { room: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly options: RecoveryOptions;
  /** Bumped by reset(): attempts of an older session stop. */
  private generation = 0;

  constructor(
    private readonly hooks: RecoveryHooks,
    options: Partial<RecoveryOptions> = {},
  ) {
    this.options = { ...RECOVERY_DEFAULTS, ...options };
  }

  /** A rejoin of this room is under way (its join errors are part of it, not news). */
  isRecovering(room: string): boolean {
    return this.running.has(room);
  }

  /** A presence from a room: true when it started (or joined) a recovery. */
  onPresence(o: WireOccupant): boolean {
    return rejoinReasonOfPresence(o) ? (void this.recover(o.room), true) : false;
  }

  /**
   * A bounce of our message in a room we are in (`join`: the room's join state): true when it
   * means "rejoin and resend" (keep the message pending). A bounce while the room is being
   * joined again (a recovery started by an earlier bounce of the same burst, or a new session)
   * waits for that join, which sends the message again.
   */
  onMessageError(e: WireMessageError, join: JoinState): boolean {
    if (!rejoinReasonOfError(e)) return false;
    if (join === 'joining') return true;
    if (join !== 'joined' || (this.inARow.get(e.room) ?? 0) >= this.options.maxInARow) return false;
    void this.recover(e.room);
    return true;
  }

  /** Our message went to the room: watch for its echo. */
  sent(room: string, id: string): void {
    clearTimeout(this.echoTimers.get(id)?.timer);
    const timer = setTimeout(() => {
      this.echoTimers.delete(id);
      if (this.hooks.isPending(room, id)) void this.recover(room);
    }, this.options.echoTimeoutMs);
    this.echoTimers.set(id, { room, timer });
  }

  /** The room echoed our message: the room works. */
  echoed(room: string, id: string): void {
    clearTimeout(this.echoTimers.get(id)?.timer);
    this.echoTimers.delete(id);
    this.inARow.delete(room);
  }

  /** A new XMPP session rejoins every room anyway: forget the watches. */
  reset(): void {
    for (const { timer } of this.echoTimers.values()) clearTimeout(timer);
    this.echoTimers.clear();
    this.inARow.clear();
    this.generation++;
  }

  /** Rejoins the room (one recovery at a time per room), retrying a join that fails. Never rejects. */
  recover(room: string): Promise<void> {
    let run = this.running.get(room);
    if (!run) {
      this.inARow.set(room, (this.inARow.get(room) ?? 0) + 1);
      for (const [id, w] of this.echoTimers) {
        if (w.room !== room) continue;
        clearTimeout(w.timer);
        this.echoTimers.delete(id);
      }
      run = this.attempts(room).finally(() => this.running.delete(room));
      this.running.set(room, run);
    }
    return run;
  }

  private async attempts(room: string): Promise<void> {
    const { retryDelaysMs, joinTimeoutMs } = this.options;
    const generation = this.generation;
    for (let i = 0; i < retryDelaysMs.length; i++) {
      if (retryDelaysMs[i]) await new Promise((r) => setTimeout(r, retryDelaysMs[i]));
      if (generation !== this.generation) return;
      try {
        await this.hooks.rejoin(room, joinTimeoutMs * (i + 1), i === retryDelaysMs.length - 1);
        return;
      } catch {
        // the room may not be re-created yet (the cluster has not noticed the node is gone): again
      }
    }
  }
}
