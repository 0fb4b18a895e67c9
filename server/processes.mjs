// Small process and port helpers of the server kit (server/kit.mjs, server/ejabberd-node.mjs).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command; resolves { code, out } (stdout and stderr together), never rejects. */
export function run(cmd, args) {
  return new Promise((resolve) =>
    execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}`.trim() }),
    ),
  );
}

/** PIDs of the Erlang VM started with `-sname name` (read from /proc, so no procps needed). */
export function beamPids(name) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('-sname');
      if (i > 0 && argv[i + 1] === name && argv[0].includes('beam')) pids.push(Number(d));
    } catch {
      /* process exited */
    }
  }
  return pids;
}

/** True when something accepts a TCP connection on 127.0.0.1:`port` within a second. */
export function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}
