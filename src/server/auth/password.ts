// Password hashes: scrypt (node:crypto) with a random 16-byte salt, the cost parameters stored with
// the hash so they can be raised later without invalidating existing users. Encoded PHC-style:
//   $scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>
// Verification compares with timingSafeEqual and runs on libuv's thread pool (async scrypt), so a
// login never blocks the event loop.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** N = 32768, r = 8: 32 MiB and a few tens of ms per hash on a small server. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128·N·r bytes; allow twice that so the default 32 MiB cap never refuses our own params.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const HASH_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** The parts of an encoded hash, or null when it is not one we wrote (or its costs are absurd). */
export function parseHash(encoded: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(encoded);
  if (!match) return null;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(match[4]!, 'base64');
  const hash = Buffer.from(match[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { params, salt, hash };
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Always runs scrypt once (even for a malformed stored hash), so the time taken says nothing. */
export async function verifyPassword(password: string, encoded: string, fallback: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  const target = parsed ?? parseHash(fallback);
  if (target === null) throw new Error('the fallback password hash is malformed');
  const candidate = await scryptAsync(password, target.salt, target.hash.length, target.params);
  return parsed !== null && timingSafeEqual(candidate, target.hash);
}
