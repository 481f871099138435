import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-config-')), SESSION_SECRET: 'config-spec-secret-0123456789' });

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('operations settings', () => {
  it('defaults: one process per core, workers in all, HTTP on, PDFs in PostgreSQL, metrics off, short delivery claims', () => {
    const config = loadConfig(base());
    expect(config).toMatchObject({
      processes: availableParallelism(),
      workerProcesses: availableParallelism(),
      serveHttp: true,
      runWorkers: true,
      shutdownTimeoutSeconds: 30,
      metricsToken: '',
      documentStore: 'database',
      deliveryClaimSeconds: 15,
      deliverySweepSeconds: 10,
    });
  });

  it('named prepared statements by default, off for a pooler that cannot keep them', () => {
    expect(loadConfig(base()).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...base(), DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements).toBe(false);
  });

  it('a worker-only process with some of its processes running workers', () => {
    const config = loadConfig({
      ...base(),
      PROCESSES: '4',
      WORKER_PROCESSES: '1',
      SERVE_HTTP: '0',
      DOCUMENT_STORE: 'directory',
      METRICS_TOKEN: 'a-metrics-token-of-16+',
    });
    expect(config).toMatchObject({
      processes: 4,
      workerProcesses: 1,
      serveHttp: false,
      documentStore: 'directory',
      metricsToken: 'a-metrics-token-of-16+',
    });
  });

  it('refuses what cannot work, naming the variable', () => {
    expect(problemsOf({ PROCESSES: '0' })).toEqual([expect.stringContaining('PROCESSES="0"')]);
    expect(problemsOf({ DOCUMENT_STORE: 's3' })).toEqual([expect.stringContaining('DOCUMENT_STORE="s3"')]);
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([expect.stringContaining('METRICS_TOKEN')]);
    expect(problemsOf({ SHUTDOWN_TIMEOUT_SECONDS: 'soon' })).toEqual([expect.stringContaining('SHUTDOWN_TIMEOUT_SECONDS')]);
  });
});
