import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * Password hashes: scrypt (N=16384, r=16, p=1, 64-byte key) stored as "<salt hex>:<key hex>",
 * the format better-auth's own default writes. The studio passes these functions to
 * better-auth, so sign-in and the synchronous account creation in the seed path
 * (lib/auth/accounts.ts) agree on one format that does not depend on better-auth internals.
 */
const PARAMS = { N: 16384, r: 16, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 64;

const normalize = (password: string) => password.normalize("NFKC");

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16).toString("hex");
  return `${salt}:${scryptSync(normalize(password), salt, KEY_BYTES, PARAMS).toString("hex")}`;
}

export function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16).toString("hex");
  return new Promise((resolve, reject) =>
    scrypt(normalize(password), salt, KEY_BYTES, PARAMS, (err, key) => (err ? reject(err) : resolve(`${salt}:${key.toString("hex")}`))),
  );
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(":");
  if (!salt || !key) return false;
  const expected = Buffer.from(key, "hex");
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(normalize(password), salt, expected.length, PARAMS, (err, k) => (err ? reject(err) : resolve(k))),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
