import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DEMO_PASSWORD = process.env.LIANXIN_DEMO_PASSWORD ?? 'Demo#Lianxin2026';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts `lianxin start` exactly as a user would, on port 0, and waits for the line that names the port. */
export default async function setup({ provide }: { provide: (k: 'baseUrl', v: string) => void }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const root = path.resolve(import.meta.dirname, '../../..');
  // Every journey signs in from 127.0.0.1, so the per-address login limit (30 a minute by default,
  // meant for one client) would answer 429 to the tenth journey of a file; the limit itself is
  // tested in the server suite.
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/lianxin.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LIANXIN_DATA_DIR: dataDir,
      LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD,
      DATABASE_URL: '',
      LIANXIN_LOG_LEVEL: process.env.LIANXIN_E2E_LOG_LEVEL ?? 'warn',
      LIANXIN_LOGIN_RATE_LIMIT: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server's own log, kept beside the test results for whoever reads a failed CI run.
  const results = path.join(root, '.vitest-results');
  fs.mkdirSync(results, { recursive: true });
  const log = fs.createWriteStream(path.join(results, 'e2e-server.log'));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/running on (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  provide('baseUrl', baseUrl);
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
