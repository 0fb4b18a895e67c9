// A loopback WebSocket fault proxy for tests: browser ⇄ proxy ⇄ ejabberd's WebSocket, with
// faults switched on and off by the test runner (server/test-commands.mjs):
//   cut        close every connection abruptly (TCP reset); new connections work. With
//              `serverCut: 'frames'` the server's side is closed (FIN) after the whole frames
//              written so far instead: for Prosody 0.12, see README "Prosody".
//   stall      keep connections open but forward nothing either way (new ones too), holding
//              the data: `heal` delivers it, like TCP after a path comes back
//   slow       add `latencyMs` per WebSocket frame, both ways, order kept
//   drop-up    the connections open now silently lose every frame browser → server
//   drop-down  the connections open now silently lose every frame server → browser
//   heal       back to normal (held data flows, dropping stops)
// It speaks no WebSocket itself: it copies the HTTP upgrade as is, then cuts the byte stream
// into whole frames (RFC 6455 §5.2 headers) so that delays and drops never split a frame.
// Node's net module only: no dependency.
import net from 'node:net';

/** @typedef {'normal'|'stall'|'slow'} Mode */

export class FaultProxy {
  /**
   * @param {{ target: string, port?: number, serverCut?: 'reset'|'frames' }} options target: ws://host:port/path;
   *   serverCut: how `cut` ends the server's side (default 'reset', like the browser's side)
   */
  constructor({ target, port = 0, serverCut = 'reset' }) {
    const url = new URL(target);
    this.serverCut = serverCut;
    this.upstream = { host: url.hostname, port: Number(url.port) || 80 };
    this.path = url.pathname;
    this.port = port;
    /** @type {Mode} */
    this.mode = 'normal';
    this.latencyMs = 0;
    /** @type {Set<Link>} */
    this.links = new Set();
    this.counts = { connections: 0, cut: 0, stall: 0, slow: 0, 'drop-up': 0, 'drop-down': 0, heal: 0, framesDropped: 0 };
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** The WebSocket URL to give the browser. */
  get url() {
    return `ws://127.0.0.1:${this.port}${this.path}`;
  }

  listen() {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve(this.url);
      });
    });
  }

  async close() {
    for (const link of this.links) link.destroy();
    await new Promise((resolve) => this.server.close(() => resolve(undefined)));
  }

  /**
   * Applies a fault (or heals). Returns the connections it touched.
   * @param {'cut'|'stall'|'slow'|'drop-up'|'drop-down'|'heal'} fault
   * @param {{ latencyMs?: number }} [options]
   */
  set(fault, options = {}) {
    const links = [...this.links];
    switch (fault) {
      case 'cut':
        for (const l of links) l.destroy(true, this.serverCut === 'frames');
        break;
      case 'stall':
        this.mode = 'stall';
        break;
      case 'slow':
        this.mode = 'slow';
        this.latencyMs = options.latencyMs ?? 200;
        break;
      case 'drop-up':
        for (const l of links) l.up.dropping = true;
        break;
      case 'drop-down':
        for (const l of links) l.down.dropping = true;
        break;
      case 'heal':
        this.mode = 'normal';
        for (const l of links) {
          l.up.dropping = l.down.dropping = false;
          l.pump();
        }
        break;
      default:
        throw new Error(`unknown fault ${fault}`);
    }
    this.counts[fault]++;
    return { connections: links.length };
  }

  /** @param {net.Socket} client */
  accept(client) {
    this.counts.connections++;
    const link = new Link(this, client, net.connect(this.upstream));
    this.links.add(link);
  }
}

/** One browser connection and its upstream twin. */
class Link {
  /** @param {FaultProxy} proxy @param {net.Socket} client @param {net.Socket} server */
  constructor(proxy, client, server) {
    this.proxy = proxy;
    this.client = client;
    this.server = server;
    this.closed = false;
    this.up = new Direction(this, server, true);
    this.down = new Direction(this, client, false);
    client.on('data', (b) => this.up.feed(b));
    server.on('data', (b) => this.down.feed(b));
    for (const s of [client, server]) {
      s.setNoDelay(true);
      s.on('error', () => this.destroy());
      s.on('close', () => this.destroy());
    }
  }

  pump() {
    this.up.pump();
    this.down.pump();
  }

  /**
   * @param {boolean} [abrupt] a TCP reset instead of a FIN
   * @param {boolean} [serverAfterFrames] the server's side ends with a FIN after what was written
   *   (whole frames only), so the server never holds part of a frame of a lost connection
   */
  destroy(abrupt = false, serverAfterFrames = false) {
    if (this.closed) return;
    this.closed = true;
    this.proxy.links.delete(this);
    for (const s of [this.client, this.server]) {
      if (s === this.server && serverAfterFrames && !s.destroyed) s.end();
      else if (abrupt && typeof s.resetAndDestroy === 'function' && !s.destroyed) s.resetAndDestroy();
      else s.destroy();
    }
  }
}

/** One direction of a link: bytes in, whole units (the HTTP head, then frames) out. */
class Direction {
  /** @param {Link} link @param {net.Socket} out @param {boolean} masked browser → server frames are masked */
  constructor(link, out, masked) {
    this.link = link;
    this.out = out;
    this.masked = masked;
    this.buffer = Buffer.alloc(0);
    this.handshake = true;
    /** @type {Array<{ data: Buffer, due: number }>} */
    this.queue = [];
    this.dropping = false;
    this.timer = undefined;
  }

  /** @param {Buffer} chunk */
  feed(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (let unit; (unit = this.nextUnit());) this.enqueue(unit);
  }

  /** The HTTP upgrade head, or one whole WebSocket frame, or undefined until more bytes come. */
  nextUnit() {
    const b = this.buffer;
    let size;
    if (this.handshake) {
      const end = b.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      size = end + 4;
      this.handshake = false;
    } else {
      if (b.length < 2) return undefined;
      let len = b[1] & 0x7f;
      let head = 2;
      if (len === 126) {
        if (b.length < 4) return undefined;
        len = b.readUInt16BE(2);
        head = 4;
      } else if (len === 127) {
        if (b.length < 10) return undefined;
        len = Number(b.readBigUInt64BE(2));
        head = 10;
      }
      if (b[1] & 0x80) head += 4;
      size = head + len;
      if (b.length < size) return undefined;
    }
    const unit = b.subarray(0, size);
    this.buffer = b.subarray(size);
    return unit;
  }

  /** @param {Buffer} data */
  enqueue(data) {
    const proxy = this.link.proxy;
    if (this.dropping) {
      proxy.counts.framesDropped++;
      return;
    }
    const last = this.queue.length ? this.queue[this.queue.length - 1].due : 0;
    const delay = proxy.mode === 'slow' ? proxy.latencyMs : 0;
    this.queue.push({ data, due: Math.max(last, Date.now() + delay) });
    this.pump();
  }

  pump() {
    clearTimeout(this.timer);
    const proxy = this.link.proxy;
    while (this.queue.length && proxy.mode !== 'stall' && !this.link.closed) {
      const next = this.queue[0];
      const wait = next.due - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.queue.shift();
      this.out.write(next.data);
    }
  }
}

// Standalone: node server/fault-proxy.mjs [port]  (forwards to the kit of ETHORA_KIT_SLOT)
if (import.meta.url === `file://${process.argv[1]}`) {
  const { SERVICE_URL } = await import('./kit.mjs');
  const proxy = new FaultProxy({ target: SERVICE_URL, port: Number(process.argv[2] ?? 0) });
  console.log(`fault proxy ${await proxy.listen()} -> ${SERVICE_URL}`);
}
