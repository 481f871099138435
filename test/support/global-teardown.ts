export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __KEHOACH_PG__?: { stop(): Promise<void> } }).__KEHOACH_PG__;
  await server?.stop();
}
