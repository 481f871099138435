import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Recipient } from '@app/plans';
import { recipientLine } from '@app/plans';
import { insertDraft } from './issued-plan';
import { planContent } from './plan-factory';
import { builtServer, exited, freePort, startBuiltServer, until, untilServing } from './server-process';
import { SmtpSink } from './smtp-sink';
import { createTestApp, TestApp } from './test-app';
import { expectTransition, signAndIssue, withFutureDeadlines } from './workflow-client';

/**
 * The stage of the tests that stop the built server in the middle of a distribution (SIGTERM,
 * SIGKILL): this process sets up and looks (no workers); the server process issues and
 * distributes a plan signed to `recipients` organizations, inbox and e-mail each, to a slow
 * SMTP sink.
 */
export class BuiltServerDistribution {
  t: TestApp;
  sink: SmtpSink;
  db: DataSource;
  planId: string;
  /** Everything the server processes printed, for the failure message of a wait. */
  readonly log: string[] = [];
  /** Every delivery of the plan: an inbox and an e-mail per organization, and the archive copy. */
  readonly total: number;
  private child: ChildProcess | null = null;

  constructor(
    private readonly name: string,
    readonly recipients: number,
  ) {
    this.total = 2 * recipients + 1;
  }

  async open(): Promise<void> {
    builtServer();
    this.sink = await new SmtpSink().start();
    // Slow enough that the signal lands while mails are being sent.
    this.sink.delayMs = 20;
    const dataDir = mkdtempSync(join(tmpdir(), `kehoach-${this.name}-`));
    this.t = await createTestApp({ env: { RUN_WORKERS: '0', DATA_DIR: dataDir, SMTP_URL: this.sink.url } });
    this.db = this.t.app.get(DataSource);
  }

  async close(): Promise<void> {
    if (this.child) await this.stop('SIGKILL');
    await this.t?.close();
    await this.sink?.stop();
  }

  /** Signs, through the API, a plan to that many new organizations; its issuance waits for the server process. */
  async signPlanToNewOrganizations(): Promise<void> {
    const [issuer] = await this.db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [author] = await this.db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const orgs: { id: string; full_name: string }[] = await this.db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, header_name, email, version)
       SELECT $3 || '-' || n, 'party', $1, 3, 'Chi bộ cơ sở số ' || n, 'Chi bộ ' || n, 'CB', 'Bình Định', 'CHI BỘ SỐ ' || n, 'chibo' || n || '@coso.demo', 1
         FROM generate_series(1, $2::int) AS n
       RETURNING id, full_name`,
      [issuer.id, this.recipients, this.name],
    );
    const recipients: Recipient[] = orgs.map((o, i) => recipientLine(`r${i + 1}`, o.full_name, { organizationId: o.id }));
    recipients.push({ ...recipients[0], id: 'luu', name: 'VP, BTGĐUK', organizationId: null, purpose: 'archive' });
    // Written straight to the database: the drafting API caps "Nơi nhận" below 500 lines.
    this.planId = await insertDraft(this.db, issuer.id, author.id, withFutureDeadlines(planContent({ recipients })));
    await expectTransition(this.t, 'bcd-duk.drafter', this.planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(this.t, 'bcd-duk.reviewer', this.planId, { type: 'APPROVE' }, 'review');
    await expectTransition(this.t, 'bcd-duk.format_checker', this.planId, { type: 'APPROVE' }, 'awaitingSignature');
    await signAndIssue(this.t, 'bcd-duk.signer', this.planId, 'demo1234');
  }

  /** How many of the plan's deliveries match an SQL condition. */
  async count(where: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM delivery WHERE plan_id = $1 AND ${where}`, [this.planId]);
    return Number(row.n);
  }

  /** The environment of one server process with workers on this database, mail server and data folder; `extra` adds to it. */
  serverEnv(extra: Record<string, string>): Record<string, string> {
    return {
      DATABASE_URL: this.t.databaseUrl,
      SMTP_URL: this.sink.url,
      DATA_DIR: this.t.config.dataDir,
      PROCESSES: '1',
      DEMO: '0',
      LOG_LEVEL: 'warn',
      RUN_WORKERS: '1',
      SESSION_SECRET: `${this.name}-test-session-secret-0123`,
      ...extra,
    };
  }

  /**
   * Starts the built server (one at a time) on a port of its own and waits until it answers.
   * A restart never reuses the killed process's port: between the kill and the restart another
   * test file may have been handed that port, and its server would answer in our place.
   */
  async start(env: Record<string, string>): Promise<void> {
    if (this.child) throw new Error('a server process is already running');
    env.PORT = String(await freePort());
    this.child = startBuiltServer(env, this.log);
    await untilServing(`http://127.0.0.1:${env.PORT}`, this.log, 120_000, this.child);
  }

  /** Sends the signal to the running server and resolves with its exit code (or signal) once it has ended. */
  async stop(signal: NodeJS.Signals): Promise<number | string> {
    const child = this.child!;
    this.child = null;
    child.kill(signal);
    return exited(child);
  }

  /** Every organization's inbox holds the plan exactly once. */
  async expectEachInboxOnce(): Promise<void> {
    const [inbox] = await this.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT organization_id)::int AS orgs FROM incoming_document WHERE plan_id = $1`,
      [this.planId],
    );
    expect(inbox).toEqual({ n: this.recipients, orgs: this.recipients });
  }

  async untilDistributed(timeoutMs: number): Promise<void> {
    const state = async () => (await this.db.query(`SELECT state FROM plan WHERE id = $1`, [this.planId]))[0].state;
    await until(async () => (await state()) === 'distributed', 'the plan to be distributed', timeoutMs, this.log);
  }
}

/** A BuiltServerDistribution opened before the file's tests and closed after them. */
export function distributionOnBuiltServer(name: string, recipients: number): BuiltServerDistribution {
  const run = new BuiltServerDistribution(name, recipients);
  beforeAll(() => run.open());
  afterAll(() => run.close());
  return run;
}
