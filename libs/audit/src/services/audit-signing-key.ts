import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';

/**
 * The key that signs the audit chains' heads: an Ed25519 key in a file (AUDIT_SIGNING_KEY_FILE),
 * never in the database, so the server's database role (or anyone holding only the database)
 * cannot sign a head for a rewritten chain. Made on first use outside production (the production
 * profile refuses to start without the operator's file).
 */
@Injectable()
export class AuditSigningKey {
  private key: { privateKey: KeyObject; publicKey: KeyObject; id: string } | null = null;

  constructor(private readonly config: AppConfig) {}

  get id(): string {
    return this.load().id;
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.load().privateKey).toString('base64');
  }

  verify(message: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(message, 'utf8'), this.load().publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  private load() {
    if (this.key) return this.key;
    const file = this.config.auditSigningKeyFile;
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process of the cluster made it at the same moment: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const privateKey = createPrivateKey(readFileSync(file));
    const publicKey = createPublicKey(privateKey);
    const id = createHash('sha256')
      .update(publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex');
    this.key = { privateKey, publicKey, id };
    return this.key;
  }
}
