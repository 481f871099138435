import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * Immutable documents addressed by their SHA-256. Putting the same bytes twice is a no-op;
 * nothing is ever overwritten or deleted. PostgreSQL is the default (DOCUMENT_STORE=database:
 * shared by every process on every machine); a directory is the option for one machine or a
 * shared file system; an S3-compatible bucket would implement the same three calls
 * (docs/operations.md).
 */
export interface DocumentStore {
  /** Stores the bytes (if not already there) and returns their SHA-256 in hex. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes, checked against their address; null when missing. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

/** Nest injection token of the configured DocumentStore. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Rows of `stored_document`: written once (a second put of the same bytes changes nothing). */
export class DatabaseDocumentStore implements DocumentStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(bytes: Buffer): Promise<string> {
    const sha = sha256Hex(bytes);
    await this.dataSource.query(`INSERT INTO stored_document (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`, [
      sha,
      bytes,
      bytes.length,
    ]);
    return sha;
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    const rows: { bytes: Buffer }[] = await this.dataSource.query(`SELECT bytes FROM stored_document WHERE sha256 = $1`, [sha256]);
    if (!rows.length) return null;
    if (sha256Hex(rows[0].bytes) !== sha256) throw new Error(`stored document ${sha256} is corrupted`);
    return rows[0].bytes;
  }

  async has(sha256: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM stored_document WHERE sha256 = $1`, [sha256]);
    return rows.length > 0;
  }
}

/** `<root>/ab/cd/<sha256>.pdf`, written to a temporary name and renamed, then made read-only. */
export class LocalDiskDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.pdf`);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha = sha256Hex(bytes);
    const path = this.pathOf(sha);
    if (await this.has(sha)) return sha;
    await mkdir(join(this.root, sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await chmod(temp, 0o444);
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return sha;
  }

  async get(sha256: string): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (sha256Hex(bytes) !== sha256) throw new Error(`stored document ${sha256} is corrupted`);
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
