/**
 * npm run bench:http — requests/s of GET /api/v1/regions/:code/children as a logged-in user
 * (session lookup, permission, scope, query, serialisation) against a bare Fastify route that
 * returns a constant, each server in its own process, measured in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function startTarget(
  mode: 'app' | 'bare',
): Promise<{ child: ChildProcess; port: number; cookie?: string; db?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-target.ts', mode], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} target exited with ${code}`)));
  });
}

async function measure(port: number, urlPath: string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections: 20,
    duration: DURATION,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors from ${urlPath}`);
  return result.requests.average;
}

const bare = await startTarget('bare');
const app = await startTarget('app');
try {
  // Warm both up, then measure each in turn.
  await measure(bare.port, '/api/v1/regions/4412/children');
  await measure(app.port, '/api/v1/regions/4412/children', { cookie: app.cookie! });
  const bareRps = await measure(bare.port, '/api/v1/regions/4412/children');
  const appRps = await measure(app.port, '/api/v1/regions/4412/children', { cookie: app.cookie! });
  console.log(`bare Fastify constant route:        ${bareRps.toFixed(0)} req/s`);
  console.log(`GET /regions/4412/children (${app.db}): ${appRps.toFixed(0)} req/s`);
  console.log(`ratio app/bare: ${(appRps / bareRps).toFixed(3)} (bare is ${(bareRps / appRps).toFixed(1)}× faster)`);
} finally {
  bare.child.kill('SIGTERM');
  app.child.kill('SIGTERM');
}
