import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { BoundedWorkQueue } from './bounded-work-queue';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keyLength: number, options: { N: number, r: number, p: number, maxmem: number }) => Promise<Buffer>;

/** scrypt parameters: N=2^15 costs about 60 ms on this hardware, a fair price for a sign-in. */
const COST = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/** Two of the pool's four threads at most; 32 waiting is a few seconds of sign-ins, not a backlog. */
export const passwordWork = new BoundedWorkQueue(2, 32);

/** Hashes as `scrypt$N$r$p$salt$key` (base64 parts), so parameters can rise later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await passwordWork.run(() => scryptAsync(password, salt, KEY_LENGTH, { ...COST, maxmem: MAX_MEMORY }));
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * True only for the password the hash was made from. A malformed or tampered hash (an empty key,
 * parameters scrypt refuses or that would exhaust memory) is simply no match, never an error;
 * a full work queue is a Busy error.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
    const parsed = parseHash(encoded);
    if (!parsed) {
        return false;
    }
    // A full queue refuses (Busy) rather than answer "no match".
    return passwordWork.run(async () => {
        try {
            const actual = await scryptAsync(password, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEMORY });
            return timingSafeEqual(actual, parsed.key);
        } catch {
            return false;
        }
    });
}

interface ParsedHash {
    readonly N: number;
    readonly r: number;
    readonly p: number;
    readonly salt: Buffer;
    readonly key: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
    const [scheme, n, r, p, salt, key, ...rest] = encoded.split('$');
    const [N, blockSize, parallelism] = [n, r, p].map(Number);
    const saltBytes = Buffer.from(salt ?? '', 'base64');
    const keyBytes = Buffer.from(key ?? '', 'base64');
    const sane = scheme === 'scrypt' && rest.length === 0
        && [N, blockSize, parallelism].every(value => Number.isSafeInteger(value) && value > 0)
        && N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0
        && blockSize <= 32 && parallelism <= 16 && 128 * N * blockSize <= MAX_MEMORY / 2
        && saltBytes.length >= 16 && keyBytes.length === KEY_LENGTH;
    return sane ? { N, r: blockSize, p: parallelism, salt: saltBytes, key: keyBytes } : undefined;
}

/** A hash of nothing anyone knows: verified against when the user name is unknown, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
    // Not kept when it failed (a full queue): the next sign-in makes it again.
    return decoy ??= hashPassword(randomBytes(24).toString('base64')).catch(error => {
        decoy = undefined;
        throw error;
    });
}
