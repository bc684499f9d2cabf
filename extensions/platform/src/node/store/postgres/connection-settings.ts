import * as fs from 'node:fs';
import type { PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { z } from 'zod';
import { describeZodError } from '../../../common/validation-message';

/** Connections the store's pool opens at most, unless `PRESSWORK_DATABASE_POOL_SIZE` says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

/** How long a query waits for a connection while the database is unreachable before it fails. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface DatabaseOptions {
    /** A PEM file of the certificate authority that signed the server's certificate (`PRESSWORK_DATABASE_CA`). */
    readonly caFile?: string;
    readonly poolSize?: number;
    readonly connectTimeoutMs?: number;
}

const DatabaseEnvironment = z.object({
    PRESSWORK_DATABASE_CA: z.string().min(1).optional(),
    PRESSWORK_DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(1000).optional()
});

/** The store's connection options from the environment (the URL itself comes from `PressworkConfig`). */
export function readDatabaseOptions(environment: NodeJS.ProcessEnv): DatabaseOptions {
    const parsed = DatabaseEnvironment.safeParse(environment);
    if (!parsed.success) {
        throw new Error(`Invalid Presswork environment: ${describeZodError(parsed.error)}`);
    }
    return { caFile: parsed.data.PRESSWORK_DATABASE_CA, poolSize: parsed.data.PRESSWORK_DATABASE_POOL_SIZE };
}

/**
 * The pool's settings from a `postgres://` URL: TLS as its `sslmode` (and `sslrootcert`, …) say, the
 * CA file added to whatever TLS the URL asks for. `sslmode=disable` keeps TLS off even with a CA file.
 */
export function databaseSettings(url: string, options: DatabaseOptions = {}): PoolConfig {
    const config: PoolConfig = {
        ...parseIntoClientConfig(url),
        max: options.poolSize ?? DEFAULT_POOL_SIZE,
        connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        application_name: 'presswork'
    };
    if (options.caFile && config.ssl !== false) {
        const ca = fs.readFileSync(options.caFile, 'utf8');
        config.ssl = { ...(typeof config.ssl === 'object' ? config.ssl : {}), ca };
    }
    return config;
}

/** Where the database is, for messages and logs: `host:port/database`, never the user's password. */
export function describeDatabase(url: string): string {
    try {
        const parsed = parseIntoClientConfig(url);
        return `${parsed.host ?? 'localhost'}:${parsed.port ?? 5432}/${parsed.database ?? ''}`;
    } catch {
        return 'an unreadable database URL';
    }
}

/** `text` with the URL's password (if any) blotted out: error messages may quote what they were given. */
export function withoutPassword(text: string, url: string): string {
    let password: unknown;
    try {
        password = parseIntoClientConfig(url).password;
    } catch {
        password = undefined;
    }
    return typeof password === 'string' && password ? text.split(password).join('***') : text;
}
