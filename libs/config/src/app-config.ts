import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { productionProblems } from './production-profile';
import { LATEST_PLAN_MACHINE_VERSION, PLAN_MACHINE_VERSIONS } from '@workflows/index';

/** A configuration value that cannot be used: the start stops with this message. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Every setting of the application, read and validated once at boot.
 * Nothing else in the code base reads process.env (house style, rule 17).
 */
export class AppConfig {
  port!: number;
  host!: string;
  /** Set by the operator, or filled in at boot with the embedded server's URL. */
  databaseUrl!: string;
  /**
   * The owner role's URL (MIGRATION_DATABASE_URL): migrations run with it and it grants the
   * server's role (DATABASE_URL's) what it may do, the audit trail being INSERT and SELECT only.
   * Empty: the server's role runs the migrations itself and owns the tables (no role split).
   * The embedded server fills both in with roles of its own.
   */
  migrationDatabaseUrl!: string;
  /**
   * The Ed25519 key that signs the audit chains' heads (AUDIT_SIGNING_KEY_FILE, PEM): a file, so
   * that the server's database role cannot read it back. Created on first use outside production.
   */
  auditSigningKeyFile!: string;
  /** True when the operator gave DATABASE_URL (an external server: start nothing). */
  externalDatabase!: boolean;
  /**
   * DATABASE_PREPARED_STATEMENTS: a transition's hot statements go as named prepared statements,
   * parsed once per connection. Off behind a transaction-mode pooler that cannot keep them
   * (PgBouncer before 1.21, or without max_prepared_statements).
   */
  databasePreparedStatements!: boolean;
  dataDir!: string;
  pgDataDir!: string;
  /** 0 = pick a free port. */
  pgPort!: number;
  sessionSecret!: string;
  sessionIdleMinutes!: number;
  /** A web session ends this long after sign-in, however active (absolute lifetime). */
  sessionMaxHours!: number;
  /** NODE_ENV=production: refuses demo data, default secrets, an auto-created or unencrypted CA. */
  production!: boolean;
  /** Webhook hosts (names or addresses) allowed although they are loopback, private or link-local. */
  webhookAllowHosts!: string[];
  logLevel!: LogLevel;
  demo!: boolean;
  /** This process loads the demo data at start (in demo mode: the only process, or a cluster's first). */
  loadsDemoData!: boolean;
  publicUrl!: string;
  trustProxy!: boolean;
  /** Run the background job workers in this process. */
  runWorkers!: boolean;
  /** Days a review or signature may wait before the person is reminded (their superior after twice as long). */
  reminderDays!: number;
  /** Lets tests and demos move the application's clock forward (Clock.advance); never in production. */
  clockAdjustable!: boolean;
  /**
   * The plan machine version new plans start on and stored plans move to when loaded (newest by
   * default); an older one holds the road back during a rolling upgrade.
   */
  planMachineVersion!: string;
  /** SMTP server for e-mail distribution, e.g. smtp://localhost:2525 (empty: the demo mail sink in demo mode, else no e-mail). */
  smtpUrl!: string;
  mailFrom!: string;
  /** Explicit Chromium/Chrome executable for PDF rendering. */
  chromiumPath!: string;
  /** Pages rendered by one browser before it is restarted. */
  renderRestartAfter!: number;
  renderPoolSize!: number;
  renderTimeoutMs!: number;
  /** Default days a subordinate body has to issue its implementing plan. */
  childPlanDueDays!: number;
  /** Child reporting deadlines are set this many days before the parent's own. */
  childReportMarginDays!: number;
  /** Days before a child plan's due date its drafters and signer are reminded (0: no reminder). */
  childPlanReminderDays!: number;
  /** Attempts of a delivery before it is dead. */
  deliveryRetryLimit!: number;
  deliveryRetryDelaySeconds!: number;
  /**
   * A worker's hold on a delivery: renewed by a heartbeat while the attempt runs, so a worker
   * that died lets it go this long after its last beat.
   */
  deliveryClaimSeconds!: number;
  /** How often the distribution sweeper looks for deliveries overdue (lost with a dead process). */
  deliverySweepSeconds!: number;
  /** Deliveries attempted at once by one process. */
  deliveryConcurrency!: number;
  /** Folder of PKCS#12 files `<organization code>.p12`, one per issuing organization. */
  pkiDir!: string;
  /** Passphrase of those PKCS#12 files. */
  pkiPassphrase!: string;
  /** Create a local CA and a certificate per organization when missing (demo, or no PKI_DIR given). */
  pkiAutoCreate!: boolean;
  /** Where issued PDFs are kept, addressed by their SHA-256: in PostgreSQL, or a directory. */
  documentStore!: DocumentStoreKind;
  /** The directory of DOCUMENT_STORE=directory. */
  documentsDir!: string;
  /** Page margins in mm (top, bottom, left, right) per family. */
  pageMarginsParty!: [number, number, number, number];
  pageMarginsState!: [number, number, number, number];
  /** Party numbers 01..09 with a leading zero (domain.md: default, not confirmed). */
  partyNumberLeadingZero!: boolean;
  /** The mark under a Party summary line (domain.md: "-----" by default). */
  partySummaryRule!: string;
  /** Public holidays (ISO dates) besides weekends: a plan signed on one is dated the next working day. */
  holidays!: string[];
  /** Largest file the plan import accepts, in bytes; a larger upload gets 413. */
  importMaxBytes!: number;
  /** Requests a client address may make to the public verification page (/v/*) per minute, shared by every process. */
  verificationRequestsPerMinute!: number;
  /** Largest PDF the verification page's drop check accepts, in bytes; a larger upload gets 413. */
  verificationUploadMaxBytes!: number;
  /** Processes sharing the port (node:cluster); 1 runs the application in this process. */
  processes!: number;
  /** How many of those processes run the job workers (when RUN_WORKERS is on). */
  workerProcesses!: number;
  /** Off: a worker-only process, no HTTP server. */
  serveHttp!: boolean;
  /** SIGTERM: running requests and jobs get this long to finish before the process exits. */
  shutdownTimeoutSeconds!: number;
  /** Bearer token that /metrics asks for; empty: /metrics is off. */
  metricsToken!: string;
}

export type DocumentStoreKind = 'database' | 'directory';
const DOCUMENT_STORES: DocumentStoreKind[] = ['database', 'directory'];

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}="${raw}": cần một số nguyên từ ${min} đến ${max} (an integer from ${min} to ${max})`);
    return fallback;
  }
  return value;
}

function readBool(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}="${raw}": cần 1/0, true/false (a boolean)`);
  return fallback;
}

function readUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[], problems: string[]): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return '';
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) throw new Error('protocol');
    return raw;
  } catch {
    problems.push(`${name}: cần một URL ${protocols.join(' hoặc ')} (a ${protocols.join('/')} URL)`);
    return '';
  }
}

/** "20,20,30,15": top, bottom, left, right in millimetres. */
function readMargins(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: [number, number, number, number],
  problems: string[],
): [number, number, number, number] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v) || v < 0 || v > 60)) {
    problems.push(`${name}="${raw}": cần 4 số mm (trên, dưới, trái, phải), ví dụ 20,20,30,15 (top, bottom, left, right in mm)`);
    return fallback;
  }
  return values as [number, number, number, number];
}

/** "2024-04-30,2024-05-01": ISO dates separated by commas. */
function readDates(env: NodeJS.ProcessEnv, name: string, problems: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const dates = raw
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = dates.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad.length) problems.push(`${name}: ngày không hợp lệ ${bad.join(', ')} (ISO dates YYYY-MM-DD, comma separated)`);
  return dates.filter((d) => !bad.includes(d));
}

/** Reads and validates the environment; throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const config = new AppConfig();
  config.port = readInt(env, 'PORT', 3000, 0, 65535, problems);
  config.databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  config.externalDatabase = config.databaseUrl !== '';
  config.databasePreparedStatements = readBool(env, 'DATABASE_PREPARED_STATEMENTS', true, problems);
  config.migrationDatabaseUrl = readUrl(env, 'MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const dataDir = env.DATA_DIR || '.data';
  config.dataDir = isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir);
  const pgDataDir = env.PG_DATA_DIR || join(config.dataDir, 'postgres');
  config.pgDataDir = isAbsolute(pgDataDir) ? pgDataDir : resolve(cwd, pgDataDir);
  config.pgPort = readInt(env, 'PG_PORT', 0, 0, 65535, problems);
  config.sessionIdleMinutes = readInt(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60, problems);
  config.sessionMaxHours = readInt(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30, problems);
  config.production = env.NODE_ENV === 'production';
  config.webhookAllowHosts = (env.WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const logLevel = (env.LOG_LEVEL || 'log') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${env.LOG_LEVEL}": một trong ${LOG_LEVELS.join(', ')}`);
  config.logLevel = LOG_LEVELS.includes(logLevel) ? logLevel : 'log';
  // Demo data goes only into the embedded database, unless asked for explicitly.
  config.demo = readBool(env, 'DEMO', !config.externalDatabase, problems);
  // In a cluster only the first process loads the demo data (the others start after it).
  config.loadsDemoData = config.demo && (env.KEHOACH_PROCESS_INDEX ?? '0') === '0';
  // A demo, with its known passwords, is reachable only from this machine unless HOST says otherwise.
  config.host = env.HOST || (config.demo ? '127.0.0.1' : '0.0.0.0');
  config.publicUrl = readUrl(env, 'PUBLIC_URL', ['http:', 'https:'], problems) || `http://localhost:${config.port}`;
  config.trustProxy = readBool(env, 'TRUST_PROXY', false, problems);
  config.runWorkers = readBool(env, 'RUN_WORKERS', true, problems);
  config.reminderDays = readInt(env, 'REMINDER_DAYS', 3, 1, 365, problems);
  config.clockAdjustable = readBool(env, 'CLOCK_ADJUSTABLE', false, problems);
  config.planMachineVersion = env.PLAN_MACHINE_VERSION || LATEST_PLAN_MACHINE_VERSION;
  if (!PLAN_MACHINE_VERSIONS.some((v) => v.version === config.planMachineVersion)) {
    problems.push(`PLAN_MACHINE_VERSION="${env.PLAN_MACHINE_VERSION}": một trong ${PLAN_MACHINE_VERSIONS.map((v) => v.version).join(', ')}`);
  }
  config.smtpUrl = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  config.mailFrom = env.MAIL_FROM || 'kehoach <no-reply@kehoach.local>';
  config.chromiumPath = env.PUPPETEER_EXECUTABLE_PATH || '';
  config.renderRestartAfter = readInt(env, 'RENDER_RESTART_AFTER', 500, 1, 1_000_000, problems);
  config.renderPoolSize = readInt(env, 'RENDER_POOL_SIZE', 2, 1, 32, problems);
  config.renderTimeoutMs = readInt(env, 'RENDER_TIMEOUT_MS', 60_000, 1000, 600_000, problems);
  config.childPlanDueDays = readInt(env, 'CHILD_PLAN_DUE_DAYS', 15, 1, 365, problems);
  config.childReportMarginDays = readInt(env, 'CHILD_REPORT_MARGIN_DAYS', 5, 0, 180, problems);
  config.childPlanReminderDays = readInt(env, 'CHILD_PLAN_REMINDER_DAYS', 3, 0, 90, problems);
  config.deliveryRetryLimit = readInt(env, 'DELIVERY_RETRY_LIMIT', 5, 0, 100, problems);
  config.deliveryRetryDelaySeconds = readInt(env, 'DELIVERY_RETRY_DELAY_SECONDS', 5, 1, 3600, problems);
  config.deliveryClaimSeconds = readInt(env, 'DELIVERY_CLAIM_SECONDS', 15, 1, 3600, problems);
  config.deliverySweepSeconds = readInt(env, 'DELIVERY_SWEEP_SECONDS', 10, 1, 3600, problems);
  config.deliveryConcurrency = readInt(env, 'DELIVERY_CONCURRENCY', 8, 1, 64, problems);
  config.pkiDir = env.PKI_DIR ? resolve(cwd, env.PKI_DIR) : join(config.dataDir, 'pki');
  config.pkiPassphrase = env.PKI_PASSPHRASE ?? '';
  config.pkiAutoCreate = readBool(env, 'PKI_AUTO_CREATE', config.demo || !env.PKI_DIR, problems);
  config.documentStore = (env.DOCUMENT_STORE || 'database') as DocumentStoreKind;
  if (!DOCUMENT_STORES.includes(config.documentStore)) {
    problems.push(`DOCUMENT_STORE="${env.DOCUMENT_STORE}": một trong ${DOCUMENT_STORES.join(', ')} (see docs/operations.md for S3)`);
  }
  config.auditSigningKeyFile = env.AUDIT_SIGNING_KEY_FILE ? resolve(cwd, env.AUDIT_SIGNING_KEY_FILE) : join(config.dataDir, 'audit-signing-key.pem');
  config.documentsDir = env.DOCUMENTS_DIR ? resolve(cwd, env.DOCUMENTS_DIR) : join(config.dataDir, 'documents');
  config.pageMarginsParty = readMargins(env, 'PAGE_MARGINS_PARTY', [20, 20, 30, 15], problems);
  config.pageMarginsState = readMargins(env, 'PAGE_MARGINS_STATE', [20, 20, 30, 15], problems);
  config.partyNumberLeadingZero = readBool(env, 'PARTY_NUMBER_LEADING_ZERO', true, problems);
  config.partySummaryRule = env.PARTY_SUMMARY_RULE ?? '-----';
  config.holidays = readDates(env, 'HOLIDAYS', problems);
  config.importMaxBytes = readInt(env, 'IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1024, 200 * 1024 * 1024, problems);
  config.verificationRequestsPerMinute = readInt(env, 'VERIFY_REQUESTS_PER_MINUTE', 60, 1, 100_000, problems);
  config.verificationUploadMaxBytes = readInt(env, 'VERIFY_UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 200 * 1024 * 1024, problems);
  config.processes = readInt(env, 'PROCESSES', availableParallelism(), 1, 256, problems);
  config.workerProcesses = readInt(env, 'WORKER_PROCESSES', config.processes, 0, 256, problems);
  config.serveHttp = readBool(env, 'SERVE_HTTP', true, problems);
  config.shutdownTimeoutSeconds = readInt(env, 'SHUTDOWN_TIMEOUT_SECONDS', 30, 1, 3600, problems);
  config.metricsToken = env.METRICS_TOKEN ?? '';
  if (config.metricsToken && config.metricsToken.length < 16) problems.push('METRICS_TOKEN: cần ít nhất 16 ký tự (at least 16 characters)');
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET.length < 16) {
    problems.push('SESSION_SECRET: cần ít nhất 16 ký tự (at least 16 characters)');
  }
  if (config.production) problems.push(...productionProblems(config, env));
  if (problems.length) throw new ConfigError(problems);
  config.sessionSecret = env.SESSION_SECRET || keptSecret(config.dataDir, 'session-secret');
  return config;
}

/** A secret generated once and kept in the data folder, so sessions survive restarts. */
function keptSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
