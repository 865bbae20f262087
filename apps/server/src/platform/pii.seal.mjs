// The sealing of one personal value (SM4-CBC, then HMAC-SM3 over prefix, IV and ciphertext), in
// plain JavaScript so that the bulk-encryption worker (pii.worker.mjs) runs it without the
// TypeScript loader. pii.ts is its only other user and documents the stored form.
import crypto from 'node:crypto';

/**
 * @param {{ enc: Uint8Array; mac: Uint8Array; head: string }} keys
 * @returns {(clear: string, iv: Uint8Array) => string}
 */
export function sealer({ enc, mac, head }) {
  return (clear, iv) => {
    const cipher = crypto.createCipheriv('sm4-cbc', enc, iv);
    const ct = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    const tag = crypto.createHmac('sm3', mac).update(head).update(iv).update(ct).digest();
    return head + Buffer.concat([iv, ct, tag]).toString('base64');
  };
}

/**
 * The blind index of a value: its keyed HMAC-SM3, for exact lookup without decryption.
 * @param {Uint8Array} key
 * @returns {(clear: string) => string}
 */
export function blindIndex(key) {
  return (clear) => crypto.createHmac('sm3', key).update(clear, 'utf8').digest('hex');
}

/**
 * Seals many values, drawing their IVs in one go (a draw of 16 bytes at a time cost more than the
 * cipher on a 50,000-row import).
 * @param {(clear: string, iv: Uint8Array) => string} seal
 * @param {readonly string[]} clears
 * @returns {string[]}
 */
export function sealMany(seal, clears) {
  const ivs = crypto.randomBytes(16 * clears.length);
  return clears.map((clear, i) => seal(clear, ivs.subarray(16 * i, 16 * i + 16)));
}
