/**
 * One writer at a time, from any machine: a PostgreSQL advisory lock, held
 * by the writer's own connection for the whole write. The server releases it
 * when that connection ends, so a writer killed mid-ingest never leaves a
 * lock behind, and no file on any one machine is involved.
 *
 * A server that runs every connection in one backend session (PGlite's
 * socket server does) grants a session's advisory lock to every
 * connection. There, and only there, the lock is a lease: a row naming its
 * holder, renewed while the write runs, taken over once it has expired.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { IndexBusyError } from '../../../contracts/errors.ts';
import type { Database } from './database.ts';

export interface LeaseOptions {
  /** @default 30000 — a lease not renewed for this long (its writer is gone) is taken over. */
  ttlMs: number;
  /** @default 5000 — how often the writer renews it: several times per TTL, so a slow statement does not lose it. */
  renewMs: number;
}

export const DEFAULT_LEASE: LeaseOptions = { ttlMs: 30_000, renewMs: 5000 };

/** Takes the writer lock of the database's ancre schema; resolves to its release. */
export async function acquireWriterLock(db: Database, lease: LeaseOptions = DEFAULT_LEASE): Promise<() => Promise<void>> {
  const key = `ancre-writer:${db.schema}`;
  const busy = (holder: string) =>
    new IndexBusyError(`${holder} is writing the index in ${db.description}; try again when it is done`);
  const client = await db.connect();
  let releaseLease: (() => Promise<void>) | null = null;
  try {
    const { rows } = await client.query<{ got: boolean; pid: number }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got, pg_backend_pid() AS pid', [key]);
    if (!rows[0]!.got) throw busy('another ancre ingest (it holds the advisory lock)');
    const [other] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    if (other!.pid === rows[0]!.pid) releaseLease = await takeLease(db, lease, busy);
  } catch (error) {
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => {});
    client.release();
    throw db.unavailable(error);
  }
  return async () => {
    try {
      await releaseLease?.();
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      client.release();
    } catch {
      // The connection is gone, and the server released its lock with it.
      client.release(true);
    }
  };
}

/** The lease row, for servers whose connections share one session; resolves to its release. */
async function takeLease(db: Database, options: LeaseOptions, busy: (holder: string) => Error): Promise<() => Promise<void>> {
  const table = db.name('writer_lease');
  const holder = `ancre pid ${process.pid} on ${os.hostname()} (${randomUUID().slice(0, 8)})`;
  const ttl = `${options.ttlMs} milliseconds`;
  const taken = await db.query<{ holder: string }>(
    `INSERT INTO ${table} (holder, expires_at) VALUES ($1, now() + $2::interval)
     ON CONFLICT (only_row) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE ${table}.expires_at < now() OR ${table}.holder = excluded.holder
     RETURNING holder`,
    [holder, ttl],
  );
  if (taken.length === 0) {
    const [current] = await db.query<{ holder: string }>(`SELECT holder FROM ${table}`);
    throw busy(current?.holder ?? 'another ancre ingest');
  }
  const renew = setInterval(() => {
    db.query(`UPDATE ${table} SET expires_at = now() + $2::interval WHERE holder = $1`, [holder, ttl]).catch(() => {});
  }, options.renewMs);
  renew.unref();
  return async () => {
    clearInterval(renew);
    await db.query(`DELETE FROM ${table} WHERE holder = $1`, [holder]);
  };
}
