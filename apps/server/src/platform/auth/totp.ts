import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = '连心 Lianxin';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

export async function totpEnrolment(secret: string, username: string) {
  const uri = totpFor(secret, username).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

/** Accepts the current 30-second step and one on either side (clock drift). */
export function checkTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

export function currentTotp(secret: string, now: Date): string {
  return totpFor(secret, '').generate({ timestamp: now.getTime() });
}
