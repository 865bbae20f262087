import { hash, verify } from '@node-rs/argon2';
import { checkPasswordPolicy } from '@lianxin/shared';
import { AppError } from '../errors.ts';

// argon2id with OWASP's minimum memory cost; Algorithm.Argon2id = 2 in @node-rs/argon2.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, OPTIONS);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check so that unknown usernames cannot be told apart. */
export async function burnPasswordCheck(pw: string): Promise<void> {
  dummy ??= hashPassword('lianxin-dummy-password-Aa1!');
  await verifyPassword(await dummy, pw);
}

export function assertPasswordPolicy(pw: string, path = 'newPassword'): void {
  const problem = checkPasswordPolicy(pw);
  if (problem) {
    throw new AppError('PASSWORD_POLICY', { errors: [{ path, message: `validation.password.${problem}` }] });
  }
}

export const PASSWORD_HISTORY = 5;

/** The new password may not equal the current one nor any of the previous four. */
export async function assertNotReused(
  pw: string,
  current: string,
  history: string[],
  path = 'newPassword',
): Promise<void> {
  for (const h of [current, ...history].slice(0, PASSWORD_HISTORY)) {
    if (await verifyPassword(h, pw)) {
      throw new AppError('PASSWORD_REUSED', { errors: [{ path, message: 'validation.password.reused' }] });
    }
  }
}

export function nextHistory(current: string, history: string[]): string[] {
  return [current, ...history].slice(0, PASSWORD_HISTORY - 1);
}
