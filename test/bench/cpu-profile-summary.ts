/**
 * Reads the .cpuprofile files `node --cpu-prof` wrote (BENCH_CPU_PROF=<folder> on a bench) and
 * prints where the time went: self time summed by function and by file (node_modules grouped by
 * package), the processes' profiles added together.
 *
 *   node -r ts-node/register test/bench/cpu-profile-summary.ts <folder> [top=25]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package> (or @scope/package), the project's path otherwise; internals as `(program)`. */
function fileOf(url: string): string {
  if (!url) return '(native/runtime)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return path;
  const project = path.indexOf('/dist/');
  return project >= 0 ? path.slice(project + 1) : path;
}

function add(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function main(): void {
  const [folder, top = '25'] = process.argv.slice(2);
  if (!folder) throw new Error('usage: cpu-profile-summary.ts <folder with .cpuprofile files> [top]');
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(folder, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      if (functionName === '(idle)') {
        idle += micros;
        return;
      }
      total += micros;
      const file = fileOf(url);
      add(byFunction, `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`, micros);
      add(byFile, file, micros);
    });
  }
  const print = (title: string, totals: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
      console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
    }
  };
  console.log(`busy ${(total / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s (all processes)`);
  print('self time by file or package', byFile);
  print('self time by function', byFunction);
}

main();
