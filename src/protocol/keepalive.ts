/**
 * Dead-link detection. A WebSocket can die silently (a NAT entry dropped, a proxy that stops
 * forwarding one or both ways, a laptop that slept): no close event ever comes, and without
 * this the widget would show "Online" while nothing gets through.
 *
 * - While a session is up: after `interval` seconds without an answer from the server to a
 *   request of ours, we ask for one (an XEP-0198 `<r/>`, or an XEP-0199 ping when stream
 *   management is off). No answer within `timeout` more seconds: the link is dead, the
 *   transport is dropped and the reconnect (with an SM resume) starts. So a link that dies is
 *   noticed at most `interval + timeout` seconds after the server last answered. Only answers
 *   count, not any traffic: a link that still delivers the room's messages but loses ours is
 *   dead too. (StanzaJS's own enableKeepAlive is not used: it keeps pinging while a reconnect
 *   attempt is still negotiating, which kills the attempt and with it the chance to resume.)
 * - A connect attempt (WebSocket handshake, auth, bind or resume) that has not reached a
 *   session within `connectTimeout` seconds is abandoned the same way: a handshake can hang
 *   forever on a stalled link, and StanzaJS has no timeout of its own for it.
 */
import type { Agent } from 'stanza';

export interface KeepAliveOptions {
  /** Seconds between checks while online. */
  interval: number;
  /** Seconds to wait for the answer before the link is declared dead. */
  timeout: number;
  /** Seconds a connect attempt may take before it is abandoned. */
  connectTimeout: number;
}

/** Dead links are noticed within 15 s; a hanging connect attempt is dropped after 20 s. */
export const DEFAULT_KEEPALIVE: KeepAliveOptions = { interval: 10, timeout: 5, connectTimeout: 20 };

/** The values to use: defaults for anything missing, not finite or not positive. */
export function keepAliveOptions(o: Partial<KeepAliveOptions> = {}): KeepAliveOptions {
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    interval: pick(o.interval, DEFAULT_KEEPALIVE.interval),
    timeout: pick(o.timeout, DEFAULT_KEEPALIVE.timeout),
    connectTimeout: pick(o.connectTimeout, DEFAULT_KEEPALIVE.connectTimeout),
  };
}

/** Turns both checks on for this client. Returns a function that turns them off. */
export function watchLink(client: Agent, options: KeepAliveOptions): () => void {
  const interval = options.interval * 1000;
  const timeout = options.timeout * 1000;
  let online = false;
  let lastAnswer = 0;
  let probeAt = 0;
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;

  const drop = (text: string) => {
    online = false;
    clearTimeout(checkTimer);
    if (!client.transport) return;
    client.emit('stream:error', { condition: 'connection-timeout', text });
    // As StanzaJS's keepalive does: drop the transport without closing the stream, so the
    // reconnect that follows may still resume the session.
    client.transport.hasStream = false;
    client.transport.disconnect(false);
  };
  const schedule = (ms: number) => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, Math.max(0, ms));
  };
  const check = () => {
    if (!online) return;
    const now = Date.now();
    if (probeAt > lastAnswer) {
      if (now - probeAt >= timeout) return drop(`No answer from the server in ${options.timeout} seconds`);
      return schedule(probeAt + timeout - now);
    }
    if (now - lastAnswer < interval) return schedule(lastAnswer + interval - now);
    probeAt = now;
    if (client.sm.started) client.sm.request();
    else client.ping().then(answered, (err: { error?: { condition?: string } }) => err?.error?.condition !== 'timeout' && answered());
    schedule(timeout);
  };
  const answered = () => (lastAnswer = Date.now());
  const up = () => {
    clearTimeout(connectTimer);
    online = true;
    probeAt = 0;
    answered();
    schedule(interval);
  };
  const down = () => {
    online = false;
    clearTimeout(checkTimer);
    clearTimeout(connectTimer);
  };

  // Every attempt, first or automatic (StanzaJS's reconnect timer calls this.connect()).
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply(this) below
  const connect = client.connect;
  client.connect = function (this: Agent, ...args: Parameters<Agent['connect']>) {
    clearTimeout(connectTimer);
    connectTimer = setTimeout(() => drop(`No session after ${options.connectTimeout} seconds`), options.connectTimeout * 1000);
    return connect.apply(this, args);
  };
  const listeners = [
    ['session:started', up],
    ['stream:management:resumed', up],
    ['stream:management:ack', answered],
    ['disconnected', down],
    ['auth:failed', down],
  ] as const;
  for (const [event, fn] of listeners) client.on(event, fn);
  return () => {
    down();
    client.connect = connect;
    for (const [event, fn] of listeners) client.off(event, fn);
  };
}
