import { join } from 'node:path';

/** The real plans the tests use, as published (public documents), kept in the repository. */
export const SEEDS_DIR = join(__dirname, '..', 'fixtures', 'seeds');
