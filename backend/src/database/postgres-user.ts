import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The account PostgreSQL runs as when Tessera runs as root (PostgreSQL refuses to run as root). */
export interface ServerAccount {
  uid: number;
  gid: number;
}

/**
 * Where root keeps what the `postgres` account must reach when the checkout cannot be reached by
 * it (a clone under /root, mode 700): a copy of the binaries, and clusters whose data folder lies in
 * such a place. Root-owned, world-traversable, written by root only.
 */
export const SYSTEM_DIR = '/var/lib/tessera';

export async function serverAccount(log: (message: string) => void): Promise<ServerAccount> {
  const ids = async (): Promise<ServerAccount> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    log('creating the system account "postgres" for the embedded PostgreSQL');
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** Whether `account` may enter every folder from the root down to `target` (the execute bit on each). */
export async function reachable(target: string, account: ServerAccount): Promise<boolean> {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of chain) {
    let info;
    try {
      info = await stat(folder);
    } catch {
      continue; // not created yet: its parent decides
    }
    const mode = info.mode;
    const canEnter =
      info.uid === account.uid ? (mode & 0o100) !== 0 : info.gid === account.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!canEnter) return false;
  }
  return true;
}

/**
 * The PostgreSQL binaries at a path `account` can run them from: `nativeDir` itself when reachable,
 * else a copy under `systemDir` (made once per package version, symlinks kept, completed atomically).
 */
export async function reachableBinaries(
  nativeDir: string,
  version: string,
  account: ServerAccount,
  systemDir: string,
  log: (message: string) => void,
): Promise<string> {
  if (await reachable(path.join(nativeDir, 'bin'), account)) return nativeDir;
  const target = path.join(systemDir, 'postgres', version);
  if (existsSync(path.join(target, 'bin', 'postgres'))) return target;
  log(`the postgres account cannot reach ${nativeDir}: copying the binaries to ${target}`);
  await ensureSystemDir(systemDir, 'postgres');
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await chmod(partial, 0o755);
  await rename(partial, target).catch(async (error: unknown) => {
    // Another process finished the same copy first: keep theirs.
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error;
  });
  return target;
}

/**
 * The folder the cluster actually lives in. `dir` itself when `account` can reach it; otherwise a
 * cluster folder under `systemDir`, linked from `dir` (a symlink in the data folder says where the
 * data is, and removing the data folder starts afresh next time, as it does everywhere else).
 */
export async function reachableClusterDir(
  dir: string,
  account: ServerAccount,
  systemDir: string,
  log: (message: string) => void,
): Promise<string> {
  const link = await lstat(dir).catch(() => undefined);
  if (link?.isSymbolicLink()) return path.resolve(path.dirname(dir), await readlink(dir));
  if (await reachable(dir, account)) return dir;
  if (link) {
    throw new Error(
      `${dir} holds a PostgreSQL cluster that the postgres account cannot reach: move the checkout (or TESSERA_DATA_DIR) to a folder others may enter`,
    );
  }
  const clusters = await ensureSystemDir(systemDir, 'clusters');
  const target = path.join(clusters, randomBytes(8).toString('hex'));
  await mkdir(target, { mode: 0o700 });
  await chown(target, account.uid, account.gid);
  await mkdir(path.dirname(dir), { recursive: true });
  await symlink(target, dir);
  await writeFile(
    path.join(path.dirname(dir), 'pg-location.txt'),
    `The embedded PostgreSQL cluster of this data folder is in ${target}:\n` +
      `the postgres account cannot reach ${path.dirname(dir)} (a folder on its path is closed to other users), so the data lives where it can.\n`,
  );
  log(`the postgres account cannot reach ${dir}: the cluster lives in ${target} (linked from ${dir})`);
  return target;
}

/** Creates `systemDir/...sub` as root-owned folders others may enter but not write. */
async function ensureSystemDir(systemDir: string, ...sub: string[]): Promise<string> {
  let folder = systemDir;
  for (const part of ['', ...sub]) {
    folder = part ? path.join(folder, part) : folder;
    await mkdir(folder, { recursive: true });
    await chmod(folder, 0o755);
  }
  return folder;
}
