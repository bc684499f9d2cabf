import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Where `pg_dump`/`pg_restore` come from: `PRESSWORK_PG_BIN` if set, else the newest Debian
 * PostgreSQL (a pg_dump older than the server refuses to dump it), else the PATH.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore', environment: NodeJS.ProcessEnv = process.env): string {
    if (environment.PRESSWORK_PG_BIN) {
        return path.join(environment.PRESSWORK_PG_BIN, name);
    }
    const root = '/usr/lib/postgresql';
    const majors = existsSync(root) ? readdirSync(root).filter(major => /^\d+$/.test(major)).sort((a, b) => Number(b) - Number(a)) : [];
    const found = majors.map(major => path.join(root, major, 'bin', name)).find(candidate => existsSync(candidate));
    return found ?? name;
}

/** The settings libpq reads from the environment, by the URL query parameter they come from. */
const TLS_PARAMETERS: Readonly<Record<string, string>> = {
    sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', sslcrl: 'PGSSLCRL'
};

/**
 * The environment of a PostgreSQL command-line tool for `url`: the connection as libpq variables,
 * the password as `PGPASSWORD`, so it is never on a command line (which `ps` shows every user).
 * Inherited `PG*` variables are dropped so the tool reaches this database and no other.
 * `PRESSWORK_DATABASE_CA` (a CA file) verifies the server as the Presswork servers do.
 */
export function libpqEnvironment(url: string, inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const parsed = new URL(url);
    const environment: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(inherited).filter(([name]) => !name.startsWith('PG')));
    const set = (name: string, value: string | null | undefined) => {
        if (value) {
            environment[name] = value;
        }
    };
    set('PGHOST', decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || parsed.searchParams.get('host'));
    set('PGPORT', parsed.port);
    set('PGUSER', decodeURIComponent(parsed.username));
    set('PGPASSWORD', decodeURIComponent(parsed.password));
    set('PGDATABASE', decodeURIComponent(parsed.pathname.replace(/^\//, '')));
    for (const [parameter, variable] of Object.entries(TLS_PARAMETERS)) {
        set(variable, parsed.searchParams.get(parameter));
    }
    if (inherited.PRESSWORK_DATABASE_CA) {
        environment.PGSSLROOTCERT = inherited.PRESSWORK_DATABASE_CA;
        environment.PGSSLMODE ??= 'verify-full';
    }
    environment.PGAPPNAME = 'presswork-backup';
    return environment;
}

/**
 * Runs a PostgreSQL tool with an argument array (no shell); rejects with what it wrote to stderr.
 * Never passes the URL or password as an argument: see `libpqEnvironment`.
 */
export function runPostgresTool(tool: string, args: readonly string[], environment: NodeJS.ProcessEnv): Promise<void> {
    return new Promise((resolve, reject) => {
        const child = spawn(tool, args, { env: environment, stdio: ['ignore', 'ignore', 'pipe'] });
        let errors = '';
        child.stderr!.on('data', chunk => errors = (errors + chunk).slice(-4000));
        child.once('error', error => reject(new Error(`${path.basename(tool)} could not start (${error.message}); install PostgreSQL's client tools or set PRESSWORK_PG_BIN.`)));
        child.once('exit', (code, signal) => code === 0 ? resolve() :
            reject(new Error(`${path.basename(tool)} failed (${signal ?? `exit ${code}`}): ${errors.trim() || 'no message'}`)));
    });
}

/** The size and SHA-256 of a file, read as a stream (a dump can be large). */
export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(file)) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
    }
    return { bytes, sha256: hash.digest('hex') };
}

/** A conninfo `dbname='…'` for `pg_restore -d` (a bare name holding `=` would be read as a conninfo). */
export function conninfoDatabase(name: string): string {
    return `dbname='${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
