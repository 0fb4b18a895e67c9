// What the load run (load-run.mjs) reads from /proc: the memory (PSS) and CPU time of the cluster's
// processes, the load generator (this Node process) and the whole machine, so each step can say
// what saturated first. Linux only, like the rest of the kit.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

/** Proportional set size (KB): shared pages split between the processes sharing them. */
function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function processes() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return { pid: Number(pid), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

/** The PostgreSQL postmaster whose command line names dataDir, and its children. */
export function pgPids(dataDir) {
  const procs = processes();
  const master = procs.find((p) => p.cmd.includes(dataDir) && p.cmd.includes('postgres'));
  return master ? [master.pid, ...procs.filter((p) => p.ppid === master.pid).map((p) => p.pid)] : [];
}

/** Memory (MB, PSS) of each group of pids. */
export function memoryMb(groups) {
  return Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((s, pid) => s + pssKb(pid), 0) / 1024]));
}

/** CPU time (ms, user + system) a process has used so far, 0 when it is gone. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** The machine's busy and total CPU time (ms, all cores) from /proc/stat. */
function machineMs() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: ((total - f[3] - f[4]) * 1000) / 100, total: (total * 1000) / 100 };
}

/**
 * Starts counting CPU time; the returned stop() gives each group's share of one core in % (100 = one
 * core busy) over the interval, the machine's busy % of all its cores, and "others": what the rest of
 * the machine (other users' tests, the browser) used, in % of one core. groups() is read at start and
 * at stop (pids of a group may change).
 */
export function cpuMeter(groups) {
  const sum = (pids) => pids.reduce((s, pid) => s + cpuMs(pid), 0);
  const g0 = Object.fromEntries(Object.entries(groups()).map(([k, pids]) => [k, sum(pids)]));
  const m0 = machineMs();
  const t0 = performance.now();
  return () => {
    const wall = performance.now() - t0;
    const m1 = machineMs();
    const share = Object.fromEntries(Object.entries(groups()).map(([k, pids]) => [k, (100 * (sum(pids) - (g0[k] ?? 0))) / wall]));
    const busyAll = (100 * (m1.busy - m0.busy)) / wall; // % of one core, all cores together
    const ours = Object.values(share).reduce((a, b) => a + b, 0);
    return {
      ...Object.fromEntries(Object.entries(share).map(([k, v]) => [k, Math.round(v)])),
      others: Math.max(0, Math.round(busyAll - ours)),
      machineBusy: Math.round(busyAll / os.cpus().length),
    };
  };
}
