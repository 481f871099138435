import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * The folder of the project's package.json, found upwards from this file. The same answer
 * from the TypeScript sources (ts-node, Jest) and from the build (dist/…), so views, static
 * files, document templates and fixtures are read from one place whichever way the server runs.
 */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kehoach') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`package.json of kehoach not found above ${__dirname}`);
  }
}

/** A path inside the project, e.g. projectPath('templates'). */
export function projectPath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
