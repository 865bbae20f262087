import { createInterface } from 'node:readline';
import { BUILTIN_ROLE_CODES, type BuiltinRoleCode } from '@lianxin/shared';
import { read } from 'read';
import type { Db } from './db/client.ts';
import { findRegions } from './modules/regions/regions.repo.ts';

/** A mistake in how the command was called: the message says what to do, the exit code is 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The three administrators serve the whole country; every other account serves a region. */
const NATIONAL_ROLES: readonly BuiltinRoleCode[] = ['sysadmin', 'secadmin', 'auditor'];

export interface UserCreateOptions {
  username: string;
  name: string;
  role: BuiltinRoleCode;
  /** '' = the whole country. */
  region: string;
}

/** Checks `user create`'s options before anything is asked or written. */
export async function userCreateOptions(
  db: Db,
  values: { username?: string; name?: string; role?: string; region?: string },
): Promise<UserCreateOptions> {
  if (!values.username) throw new UsageError('--username is required');
  if (!values.name) throw new UsageError('--name is required');
  const role = values.role as BuiltinRoleCode;
  if (!(BUILTIN_ROLE_CODES as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${BUILTIN_ROLE_CODES.join(', ')}`);
  const region = values.region ?? '';
  if (region === '' && !NATIONAL_ROLES.includes(role)) {
    throw new UsageError(
      `--role ${role} needs --region CODE: the region whose data the account may see (a ${role} for the whole country is refused)`,
    );
  }
  if (region !== '' && (!/^\d{2,12}$/.test(region) || (await findRegions(db, [region])).length === 0)) {
    throw new UsageError(
      `--region ${region} is not a known region; load the division codes first: lianxin regions import --prefix ${region.slice(0, 2)}`,
    );
  }
  return { username: values.username, name: values.name, role, region };
}

type Input = NodeJS.ReadableStream & { isTTY?: boolean };

/**
 * The password of `user create` / `user reset-password`: never from the command line (it would
 * show in `ps` and the shell history). In a terminal it is asked twice without echo; otherwise it
 * is the first line of standard input.
 */
export async function readPassword(
  input: Input = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (input.isTTY) {
    const first = await read({ input, output, prompt: 'Password: ', silent: true, replace: '' });
    const again = await read({ input, output, prompt: 'Repeat the password: ', silent: true, replace: '' });
    if (first !== again) throw new UsageError('The two passwords differ');
    return first;
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) return line;
  } finally {
    lines.close();
  }
  throw new UsageError(
    'No password on standard input: run the command in a terminal, or pipe the password in as the first line',
  );
}
