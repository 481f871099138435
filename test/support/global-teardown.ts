import { rmSync } from 'node:fs';

/** Stops the run's PostgreSQL and removes its folder: a run's databases take more than a gigabyte of the temporary directory. */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __KEHOACH_PG__?: { stop(): Promise<void>; folder: string } }).__KEHOACH_PG__;
  if (!server) return;
  await server.stop();
  rmSync(server.folder, { recursive: true, force: true });
}
