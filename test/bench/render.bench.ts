/**
 * `npm run bench:render`, on its own embedded PostgreSQL, in one run:
 *  1. the median and p95 time to issue a seed plan (render in the pooled Chromium, metadata,
 *     PAdES signature, store by SHA-256), against the time raw Chromium takes to print the same
 *     HTML on an already open page, and their ratio (target: within 1.5x);
 *     and the cost of the two signatures of an electronic original beside the render: the
 *     signer's document at SIGN, the clerk's issuance on it (incremental update);
 *  2. the issuance throughput with the pool (RENDER_POOL_SIZE pages), and whole issuances (the
 *     queue's job: number, NUMBERED, render, sign, store, ISSUED) per second;
 *  3. the peak memory of the server (Node and its Chromium processes);
 *  4. memory over 1,000 issuances (target: no growth), Chromium restarted every
 *     RENDER_RESTART_AFTER jobs.
 * Nothing is asserted: it prints what it measured. BENCH_ISSUANCES changes the 1,000.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { Organization, User } from '@app/identity';
import { IssuanceService } from '@app/issuance';
import { PlanContent } from '@app/plans';
import {
  IssuedDocumentRequest,
  IssuedDocumentService,
  printPage,
  RenderingService,
  SignerKeyService,
  StampImageService,
  StampKind,
} from '@app/rendering';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { insertSignedPlans } from '../support/numbering-load';

const SAMPLES = 40;
const RATIO_GOAL = 1.25;
const ISSUANCES_GOAL = 15;
const THROUGHPUT_JOBS = 40;
const WHOLE_ISSUANCES = 20;
const LONG_RUN = Number(process.env.BENCH_ISSUANCES ?? 1000);

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const p95 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    95,
  );
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Proportional set size (shared pages split between the processes sharing them), in bytes. */
function pss(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Memory of the server: this Node process and its Chromium processes (browser, renderers,
 * GPU, zygotes), as PSS so that pages they share are counted once. The embedded PostgreSQL,
 * also a child of this process, is left out.
 */
function memory(): { node: number; chromium: number; total: number } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const children = new Map<number, { pid: number; comm: string }[]>();
  for (const [pid, ppid, comm] of rows) children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), { pid: Number(pid), comm: comm ?? '' }]);
  let chromium = 0;
  const stack = [...(children.get(process.pid) ?? [])].filter((p) => /chrom/i.test(p.comm));
  while (stack.length) {
    const child = stack.pop()!;
    chromium += pss(child.pid);
    stack.push(...(children.get(child.pid) ?? []));
  }
  const node = pss(process.pid) || process.memoryUsage().rss;
  return { node, chromium, total: node + chromium };
}

class PeakMemory {
  peak = { node: 0, chromium: 0, total: 0 };
  private timer = setInterval(() => this.sample(), 200);
  sample() {
    const now = memory();
    if (now.total > this.peak.total) this.peak = now;
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kehoach-bench-render-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(root, 'postgres') });
  let peak: PeakMemory | undefined;
  try {
    await ensureDatabase(pg.url, 'bench');
    const config = loadConfig(
      { DATABASE_URL: withDatabase(pg.url, 'bench'), DATA_DIR: root, DEMO: '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' },
      process.cwd(),
    );
    const app = await createServerApp(config);
    peak = new PeakMemory();
    const db = app.get(DataSource);
    const rendering = app.get(RenderingService);
    const documents = app.get(IssuedDocumentService);
    const organization = await db.getRepository(Organization).findOneByOrFail({ code: 'bcd-duk' });
    const content = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')) as PlanContent;
    let n = 0;
    // A new number each time: new bytes, so the store really writes.
    const request = (): IssuedDocumentRequest => {
      n++;
      const at = new Date(Date.UTC(2024, 0, 24, 2, 0, n % 60, n));
      return { organization, content, numberSymbol: `${String(n).padStart(2, '0')}-KH/BCĐ`, issuedOn: '2024-01-24', signedAt: at, issuedAt: at };
    };
    const html = rendering.html({
      issuer: organization,
      content,
      mode: {
        kind: 'issued',
        numberSymbol: '04-KH/BCĐ',
        issuedOn: '2024-01-24',
        stamp: {
          signerName: 'Bùi Quang Nhựt',
          capacity: 'PHÓ BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO',
          organization: organization.fullName,
          signedAt: '2024-01-24T09:15:00+07:00',
        },
      },
    });

    // Warm-up: Chromium started, fonts parsed, the signing key loaded.
    for (let i = 0; i < 3; i++) await documents.produce(request());

    // 1. One at a time: issuing vs raw printing on an open page (alternated, same conditions).
    const issueTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = process.hrtime.bigint();
      await documents.produce(request());
      issueTimes.push(ms(start, process.hrtime.bigint()));
      rawTimes.push(
        await rendering.pool.withPage(async (page) => {
          const begin = process.hrtime.bigint();
          await printPage(page, html, config.renderTimeoutMs);
          return ms(begin, process.hrtime.bigint());
        }),
      );
    }
    const issueMedian = median(issueTimes);
    const rawMedian = median(rawTimes);
    console.log(`\nrender bench: seed party-khoi-2024-04-KH-BCD (4 pages), ${SAMPLES} samples, Chromium pool of ${config.renderPoolSize}`);
    console.log(`  issue one plan (render + sign + store): median ${issueMedian.toFixed(0)} ms, p95 ${p95(issueTimes).toFixed(0)} ms`);
    console.log(`  raw Chromium print of the same HTML on an open page: median ${rawMedian.toFixed(0)} ms, p95 ${p95(rawTimes).toFixed(0)} ms`);
    const ratio = issueMedian / rawMedian;
    console.log(`  ratio issue / raw print (medians): ${ratio.toFixed(2)}x (goal <= ${RATIO_GOAL}x${ratio <= RATIO_GOAL ? ', met' : ', not met'})`);

    // 1b. The two signatures of an electronic original (docs/issuance.md): the signer's document at
    // SIGN (render with blanks + the signer's PAdES signature), then the clerk's issuance on it
    // (number and date printed on a transparent page, seal, the organization's signature, as an
    // incremental update), each beside the render alone.
    const signer = await db.getRepository(User).findOneByOrFail({ username: 'bcd-duk.signer' });
    const unlocked = await app.get(SignerKeyService).unlock(
      {
        userId: signer.id,
        fullName: signer.fullName,
        title: 'TRƯỞNG BAN CHỈ ĐẠO',
        organizationId: organization.id,
        organizationName: organization.fullName,
        organizationCode: organization.code,
      },
      'demo1234',
    );
    const stamps = app.get(StampImageService);
    await stamps.ensureDemo(
      [{ authorityId: signer.id, fullName: signer.fullName }],
      [{ organizationId: organization.id, name: organization.fullName, place: organization.placeName }],
    );
    const image = (await stamps.current(StampKind.Signature, signer.id))!;
    const seal = await stamps.current(StampKind.Seal, organization.id);
    const person = {
      capacityLines: content.signature.capacityLines,
      fullName: signer.fullName,
      signatureImage: `data:image/png;base64,${image.toString('base64')}`,
    };
    const signingRender: number[] = [];
    const signerTimes: number[] = [];
    const countersignTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let begin = process.hrtime.bigint();
      await rendering.pdf({ issuer: organization, content, mode: { kind: 'signing', year: 2024, signer: person } });
      signingRender.push(ms(begin, process.hrtime.bigint()));
      const at = request();
      begin = process.hrtime.bigint();
      const signed = await documents.signedBySigner({ organization, content, year: 2024, signer: person, signedAt: at.signedAt, key: unlocked.key });
      signerTimes.push(ms(begin, process.hrtime.bigint()));
      begin = process.hrtime.bigint();
      await documents.countersign({ ...at, signed: signed.bytes, slots: signed.slots, seal });
      countersignTimes.push(ms(begin, process.hrtime.bigint()));
    }
    console.log(`  the two signatures (${SAMPLES} samples):`);
    console.log(`    render of the signer's document alone: median ${median(signingRender).toFixed(0)} ms`);
    console.log(
      `    the signer's document at SIGN (render + signer's PAdES + store): median ${median(signerTimes).toFixed(0)} ms, p95 ${p95(signerTimes).toFixed(0)} ms (signature and store: ${(median(signerTimes) - median(signingRender)).toFixed(0)} ms)`,
    );
    console.log(
      `    the clerk's issuance (number and date, seal, organization's PAdES, incremental, store): median ${median(countersignTimes).toFixed(0)} ms, p95 ${p95(countersignTimes).toFixed(0)} ms`,
    );

    // 2. Throughput: many at once through the pool; then whole issuances as the queue runs them.
    let start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: THROUGHPUT_JOBS }, () => documents.produce(request())));
    const seconds = ms(start, process.hrtime.bigint()) / 1000;
    console.log(
      `  throughput with the pool: ${(THROUGHPUT_JOBS / seconds).toFixed(2)} documents/s (${THROUGHPUT_JOBS} at once in ${seconds.toFixed(1)} s)`,
    );
    const author = await db.getRepository(User).findOneByOrFail({ username: 'bcd-duk.drafter' });
    const planIds = await insertSignedPlans(db, organization.id, author.id, content, WHOLE_ISSUANCES);
    const issuance = app.get(IssuanceService);
    start = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: config.renderPoolSize }, async () => {
        while (next < planIds.length) await issuance.issue(planIds[next++]);
      }),
    );
    const wholeSeconds = ms(start, process.hrtime.bigint()) / 1000;
    const perSecond = WHOLE_ISSUANCES / wholeSeconds;
    console.log(
      `  whole issuances (number, NUMBERED, render, sign, store, ISSUED): ${perSecond.toFixed(2)}/s (${WHOLE_ISSUANCES} in ${wholeSeconds.toFixed(1)} s, ${config.renderPoolSize} workers; goal >= ${ISSUANCES_GOAL}/s${perSecond >= ISSUANCES_GOAL ? ', met' : ', not met'})`,
    );
    // Why not, in numbers: Chromium's print alone, at the raw median, bounds what these cores can issue.
    const cores = availableParallelism();
    const chromiumBound = (cores * 1000) / rawMedian;
    console.log(
      `  Chromium's share: a raw print takes ${rawMedian.toFixed(0)} ms of the ${(1000 / perSecond).toFixed(0)} ms each issuance took per worker slot ` +
        `(${((100 * rawMedian * perSecond) / (1000 * config.renderPoolSize)).toFixed(0)} % of the workers' time); printing alone on ${cores} cores ` +
        `caps issuance at about ${chromiumBound.toFixed(1)}/s${chromiumBound < ISSUANCES_GOAL ? `, below the goal of ${ISSUANCES_GOAL}/s: more cores or worker machines, not code, reach it` : ''}`,
    );

    // 4. Memory over LONG_RUN issuances, two at a time; Chromium is replaced every RENDER_RESTART_AFTER jobs.
    const samples: { done: number; node: number; chromium: number; heap: number }[] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    const snapshot = (done: number) => {
      gc?.();
      const now = memory();
      samples.push({ done, node: now.node, chromium: now.chromium, heap: process.memoryUsage().heapUsed });
    };
    let started = 0;
    let done = 0;
    start = process.hrtime.bigint();
    snapshot(0);
    await Promise.all(
      Array.from({ length: config.renderPoolSize }, async () => {
        while (started < LONG_RUN) {
          started++;
          await documents.produce(request());
          if (++done % 100 === 0) snapshot(done);
        }
      }),
    );
    const longSeconds = ms(start, process.hrtime.bigint()) / 1000;
    peak.stop();
    console.log(
      `  ${LONG_RUN} issuances in ${longSeconds.toFixed(0)} s (${(LONG_RUN / longSeconds).toFixed(2)}/s); Chromium restarted every ${config.renderRestartAfter} jobs`,
    );
    console.log('  memory after N issuances (Node heap after GC / Node PSS / Chromium PSS):');
    for (const s of samples)
      console.log(`    ${String(s.done).padStart(5)}: ${mb(s.heap).padStart(7)} / ${mb(s.node).padStart(7)} / ${mb(s.chromium).padStart(7)}`);
    const first = samples.find((s) => s.done >= 100) ?? samples[0];
    const last = samples[samples.length - 1];
    console.log(
      `  growth from ${first.done} to ${last.done} issuances: Node heap ${mb(last.heap - first.heap)}, Node PSS ${mb(last.node - first.node)}, Chromium PSS ${mb(last.chromium - first.chromium)}${gc ? '' : ' (run with --expose-gc for heap after GC)'}`,
    );
    console.log(
      `  server peak memory (PSS, without PostgreSQL): ${mb(peak.peak.total)} (Node ${mb(peak.peak.node)} + Chromium ${mb(peak.peak.chromium)})\n`,
    );
    await app.close();
  } finally {
    peak?.stop();
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
