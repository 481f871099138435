import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RenderingError, RenderingErrorCode } from '../rendering.error';
import { identityFromPkcs12, SigningIdentity } from './cades-signer';
import forge from 'node-forge';
import { certifyPublicKey, createCertificateAuthority, issueSigningCertificate, KeyAndCertificate, SubjectInfo, toPkcs12 } from './local-ca';

/** The organization fields a certificate needs. */
export interface CertificateHolder {
  code: string;
  fullName: string;
}

const CA_KEY = 'ca.key.pem';
const CA_CERT = 'ca.crt.pem';
const PASSPHRASE_FILE = 'passphrase';

/**
 * Signing identities of the issuing organizations: `<PKI_DIR>/<organization code>.p12`.
 * When auto-creation is on (demo, or no PKI_DIR configured) a missing CA and missing
 * organization certificates are created in that folder, once, under a file lock so that
 * several processes sharing the folder agree on one CA.
 */
@Injectable()
export class PkiService {
  private readonly logger = new Logger(PkiService.name);
  private readonly cache = new Map<string, { mtimeMs: number; identity: SigningIdentity }>();

  constructor(private readonly config: AppConfig) {}

  get directory(): string {
    return this.config.pkiDir;
  }

  /** The local CA's certificate (PEM), creating the CA when auto-creation is on; null otherwise. */
  caCertificatePem(): string | null {
    const file = join(this.directory, CA_CERT);
    if (!existsSync(file) && this.config.pkiAutoCreate) this.withLock(() => this.ensureCa());
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  async identityFor(holder: CertificateHolder): Promise<SigningIdentity> {
    const file = this.p12Path(holder.code);
    if (!existsSync(file)) {
      if (!this.config.pkiAutoCreate) {
        throw new RenderingError(
          RenderingErrorCode.CertificateMissing,
          `Chưa có chứng thư số của ${holder.fullName}: cần tệp ${holder.code}.p12 trong ${this.directory}`,
          { organizationCode: holder.code },
        );
      }
      this.withLock(() => this.ensureOrganization(holder));
    }
    const mtimeMs = statSync(file).mtimeMs;
    const cached = this.cache.get(holder.code);
    if (cached && cached.mtimeMs === mtimeMs) return cached.identity;
    try {
      const identity = identityFromPkcs12(readFileSync(file), this.passphrase());
      this.cache.set(holder.code, { mtimeMs, identity });
      return identity;
    } catch (error) {
      throw new RenderingError(
        RenderingErrorCode.CertificateUnreadable,
        `Không đọc được chứng thư số ${holder.code}.p12: ${(error as Error).message}`,
        {
          organizationCode: holder.code,
        },
      );
    }
  }

  /**
   * Certifies a person's public key with the installation's CA (the local CA, created when
   * auto-creation is on). Without a CA key here, people's certificates come from the CA the
   * installation is given: each person imports their own PKCS#12 instead.
   */
  certifyPerson(publicKey: forge.pki.rsa.PublicKey, subject: SubjectInfo): { certPem: string; chainPems: string[] } {
    const hasCa = existsSync(join(this.directory, CA_KEY)) && existsSync(join(this.directory, CA_CERT));
    if (!hasCa && !this.config.pkiAutoCreate) {
      throw new RenderingError(
        RenderingErrorCode.CertificateMissing,
        `Chưa có chứng thư số cá nhân của ${subject.commonName}: cần nhập tệp PKCS#12 do tổ chức cung cấp dịch vụ chứng thực cấp`,
        {},
      );
    }
    const ca = hasCa ? this.ensureCa() : this.withLock(() => this.ensureCa());
    return { certPem: certifyPublicKey(ca, publicKey, subject), chainPems: [ca.certPem] };
  }

  /** Creates what is missing for these organizations (the demo's first start). */
  ensureAll(holders: CertificateHolder[]): void {
    if (!this.config.pkiAutoCreate) return;
    const missing = holders.filter((h) => !existsSync(this.p12Path(h.code)));
    if (!missing.length && existsSync(join(this.directory, CA_CERT))) return;
    this.withLock(() => {
      this.ensureCa();
      for (const holder of missing) this.ensureOrganization(holder);
    });
  }

  private p12Path(code: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(code)) throw new Error(`unsafe organization code for a file name: ${code}`);
    return join(this.directory, `${code}.p12`);
  }

  private passphrase(): string {
    if (this.config.pkiPassphrase) return this.config.pkiPassphrase;
    const file = join(this.directory, PASSPHRASE_FILE);
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  }

  private ensureCa(): KeyAndCertificate {
    const keyFile = join(this.directory, CA_KEY);
    const certFile = join(this.directory, CA_CERT);
    if (existsSync(keyFile) && existsSync(certFile)) {
      return { keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8') };
    }
    if (!this.config.pkiPassphrase && !existsSync(join(this.directory, PASSPHRASE_FILE))) {
      writeAtomically(join(this.directory, PASSPHRASE_FILE), randomBytes(24).toString('base64url'), 0o600);
    }
    const ca = createCertificateAuthority({
      commonName: 'kehoach CA cục bộ (demo)',
      organization: 'kehoach',
      organizationalUnit: 'Chỉ dùng thử nghiệm',
    });
    writeAtomically(keyFile, ca.keyPem, 0o600);
    writeAtomically(certFile, ca.certPem, 0o644);
    this.logger.warn(`Tạo CA cục bộ (local demo CA) trong ${this.directory}: chỉ dùng thử nghiệm`);
    return ca;
  }

  private ensureOrganization(holder: CertificateHolder): void {
    const file = this.p12Path(holder.code);
    if (existsSync(file)) return;
    const ca = this.ensureCa();
    const entry = issueSigningCertificate(ca, { commonName: holder.fullName, organization: holder.fullName, organizationalUnit: holder.code });
    writeAtomically(join(this.directory, `${holder.code}.crt.pem`), entry.certPem, 0o644);
    writeAtomically(file, toPkcs12(entry, [ca.certPem], this.passphrase(), holder.fullName), 0o600);
  }

  /** A lock file shared by every process using the folder; a lock older than a minute is stale. */
  private withLock<T>(fn: () => T): T {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const lock = join(this.directory, '.lock');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx'));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        try {
          if (Date.now() - statSync(lock).mtimeMs > 60_000) unlinkSync(lock);
        } catch {
          // Another process removed it first.
        }
        if (Date.now() > deadline) throw new Error(`PKI folder locked: ${lock}`, { cause: error });
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      }
    }
    try {
      return fn();
    } finally {
      unlinkSync(lock);
    }
  }
}

function writeAtomically(file: string, data: string | Buffer, mode: number): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, data, { mode });
  renameSync(temp, file);
}
