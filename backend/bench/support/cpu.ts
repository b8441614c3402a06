/**
 * CPU accounting from /proc (Linux): who used the cores during a phase (the bench itself, the
 * server, the embedded PostgreSQL under it, the whole machine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fmtInt } from './format.js';

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux/x86-64

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcStats(): ProcStat[] {
  const out: ProcStat[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  at: number;
  benchMicros: number;
  serverTicks: number;
  /** Processes under the server (embedded PostgreSQL), by pid so exited ones drop out of both ends. */
  postgres: Map<number, number>;
  machine: { busy: number; total: number } | undefined;
}

export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  const stats = readProcStats();
  let serverTicks = 0;
  const postgres = new Map<number, number>();
  if (serverPid !== undefined) {
    const children = new Map<number, ProcStat[]>();
    for (const s of stats) {
      if (s.pid === serverPid) serverTicks = s.ticks;
      const list = children.get(s.ppid) ?? [];
      list.push(s);
      children.set(s.ppid, list);
    }
    const queue = [...(children.get(serverPid) ?? [])];
    while (queue.length) {
      const s = queue.shift()!;
      postgres.set(s.pid, s.ticks);
      queue.push(...(children.get(s.pid) ?? []));
    }
  }
  return { at: performance.now(), benchMicros: usage.user + usage.system, serverTicks, postgres, machine: machineTicks() };
}

/** Percent of one core each party used between two snapshots. */
export interface CpuShare {
  client: number;
  server: number;
  postgres: number | null;
  machineBusyPercentOfAllCores: number | null;
  cores: number;
}

export function cpuShare(a: CpuSnapshot, b: CpuSnapshot, embedded: boolean): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const ticksToPct = (ticks: number): number => (ticks / CLOCK_TICKS / seconds) * 100;
  let pgTicks = 0;
  for (const [pid, ticks] of b.postgres) pgTicks += ticks - (a.postgres.get(pid) ?? 0);
  const cores = os.availableParallelism();
  const machine =
    a.machine && b.machine && b.machine.total > a.machine.total
      ? ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 100 * cores
      : null;
  return {
    client: ((b.benchMicros - a.benchMicros) / 1e6 / seconds) * 100,
    server: ticksToPct(b.serverTicks - a.serverTicks),
    postgres: embedded ? ticksToPct(pgTicks) : null,
    machineBusyPercentOfAllCores: machine,
    cores,
  };
}

export function cpuLine(share: CpuShare): string {
  const parts = [`client ${fmtInt(share.client)}%`, `server ${fmtInt(share.server)}%`];
  if (share.postgres !== null) parts.push(`postgres ${fmtInt(share.postgres)}%`);
  if (share.machineBusyPercentOfAllCores !== null)
    parts.push(`machine busy ${fmtInt(share.machineBusyPercentOfAllCores)}% of ${share.cores * 100}%`);
  return parts.join(', ');
}
