// What the HTTP benchmarks measure of processes and of the machine, from Linux /proc (zero or null elsewhere).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

/** Fields of /proc/<pid>/stat after the command name (Linux), or null. */
export function procStat(pid: number | string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return null;
  }
}

/** pids of the live children of `parent` (Linux /proc), [] elsewhere. */
export function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = procStat(entry);
    if (f && Number(f[1]) === parent) pids.push(Number(entry));
  }
  return pids;
}

/** Resident memory of a process in bytes (VmRSS of /proc/<pid>/status), or NaN. */
export function rssBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Which of `pids` holds each TCP connection accepted on `port`: the peer's (client's) port -> pid, from the
 * socket inodes in /proc/<pid>/fd and /proc/net/tcp{,6}. Empty elsewhere.
 */
export function connectionOwners(port: number, pids: number[]): Map<number, number> {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode) owner.set(inode, pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  const byPeerPort = new Map<number, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let rows: string[] = [];
    try {
      rows = readFileSync(table, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      const [, local, remote, , , , , , , inode] = row.trim().split(/\s+/);
      if (!local || !remote || !inode || parseInt(local.split(":").at(-1)!, 16) !== port) continue;
      const pid = owner.get(inode);
      if (pid !== undefined) byPeerPort.set(parseInt(remote.split(":").at(-1)!, 16), pid);
    }
  }
  return byPeerPort;
}

/** The machine's CPU time counters (Linux /proc/stat, in ticks): busy, idle and steal, or null elsewhere. */
export function machineTicks(): { busy: number; idle: number; steal: number } | null {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal! };
  } catch {
    return null;
  }
}

export function machineUse(start: ReturnType<typeof machineTicks>): string {
  const end = machineTicks();
  if (!start || !end) return "not measured (no /proc/stat)";
  const busy = end.busy - start.busy;
  const total = busy + (end.idle - start.idle) + (end.steal - start.steal);
  const pct = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(0)}%`;
  return `busy ${pct(busy)}, idle ${pct(end.idle - start.idle)}, stolen by the host ${pct(end.steal - start.steal)} of ${os.cpus().length} cores`;
}

/** CPU seconds of a process, its exited children (as reaped), and its live children (Linux /proc), 0 elsewhere. */
export function treeCpuSeconds(parent: number): number {
  const own = procStat(parent);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = procStat(entry);
    if (f && Number(f[1]) === parent) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}

/** CPU seconds used so far by PostgreSQL: the postmaster, its exited children, and its live backends. */
export function postgresCpuSeconds(dataDir: string): number {
  try {
    return treeCpuSeconds(Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]));
  } catch {
    return 0;
  }
}

/** This process's CPU seconds since `start` (process.cpuUsage()). */
export function selfCpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
