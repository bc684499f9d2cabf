import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface PostgresTestServerOptions {
    /** Extra `-c name=value` settings (a benchmark may want `max_connections`). */
    readonly settings?: Readonly<Record<string, string>>;
    readonly port?: number;
}

interface SystemUser {
    readonly uid: number;
    readonly gid: number;
}

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks, as conventions.md describes: `initdb`
 * in a temporary folder, `postgres` on 127.0.0.1 and a socket in that folder, in a process group
 * of its own. As root it runs as the `postgres` system user (PostgreSQL refuses root), through
 * spawn's uid/gid: no shell. `stop()` ends it and removes the folder; so does the test process's
 * exit, so a failed test never leaves a server behind.
 */
export class PostgresTestServer {
    protected process: ChildProcess | undefined;
    protected exited: Promise<void> = Promise.resolve();

    protected constructor(
        readonly folder: string,
        readonly port: number,
        protected readonly bin: string,
        protected readonly user: SystemUser | undefined,
        protected readonly settings: Readonly<Record<string, string>>
    ) { }

    static async start(options: PostgresTestServerOptions = {}): Promise<PostgresTestServer> {
        const bin = postgresBinaries();
        const user = process.getuid?.() === 0 ? await systemUser('postgres') : undefined;
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'presswork-pg-'));
        if (user) {
            fs.chownSync(folder, user.uid, user.gid);
        }
        const server = new PostgresTestServer(folder, options.port ?? await freePort(), bin, user, options.settings ?? {});
        try {
            await server.initdb();
            await server.startServer();
        } catch (error) {
            server.forceStop();
            throw error;
        }
        return server;
    }

    /** The superuser's URL for `database` (the maintenance database `postgres` when none is named). */
    urlOf(database = 'postgres'): string {
        return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
    }

    /** A new, empty database; its URL. Each test takes its own, so tests never see each other's rows. */
    async createDatabase(name = `presswork_${randomBytes(6).toString('hex')}`): Promise<string> {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
            throw new Error(`not a plain database name: ${name}`);
        }
        await this.withClient(client => client.query(`CREATE DATABASE ${name}`));
        return this.urlOf(name);
    }

    async dropDatabase(name: string): Promise<void> {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
            throw new Error(`not a plain database name: ${name}`);
        }
        await this.withClient(client => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }

    /** Runs `work` with a client connected to `database`, closed afterwards. */
    async withClient<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
        const client = new Client({ connectionString: this.urlOf(database) });
        await client.connect();
        try {
            return await work(client);
        } finally {
            await client.end();
        }
    }

    /** A fast shutdown (connections are cut, as when the database host restarts), then the same cluster again. */
    async restart(downMs = 0): Promise<void> {
        await this.stopServer();
        if (downMs > 0) {
            await new Promise(resolve => setTimeout(resolve, downMs));
        }
        await this.startServer();
    }

    /** Stops the server only: the cluster stays on disk for `restart`-like tests that start it later. */
    async stopServer(): Promise<void> {
        const child = this.process;
        if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
            signalGroup(child.pid, 'SIGINT');
        }
        await this.exited;
        this.process = undefined;
    }

    async startServer(): Promise<void> {
        const log = fs.openSync(path.join(this.folder, 'postgres.log'), 'a');
        const args = ['-D', this.dataFolder, '-p', String(this.port), '-k', this.folder, '-c', 'listen_addresses=127.0.0.1'];
        for (const [name, value] of Object.entries(this.settings)) {
            args.push('-c', `${name}=${value}`);
        }
        const child = spawn(path.join(this.bin, 'postgres'), args, {
            detached: true, stdio: ['ignore', log, log], ...(this.user ?? {})
        });
        fs.closeSync(log);
        this.process = child;
        this.exited = new Promise(resolve => child.once('exit', () => resolve()));
        liveServers.add(this);
        await this.waitUntilReady(child);
    }

    /** Ends the server and removes its folder. */
    async stop(): Promise<void> {
        await this.stopServer();
        liveServers.delete(this);
        fs.rmSync(this.folder, { recursive: true, force: true });
    }

    /** What the server wrote to its log: for a failing test's message. */
    log(): string {
        try {
            return fs.readFileSync(path.join(this.folder, 'postgres.log'), 'utf8');
        } catch {
            return '';
        }
    }

    protected get dataFolder(): string {
        return path.join(this.folder, 'data');
    }

    protected async initdb(): Promise<void> {
        await new Promise<void>((resolve, reject) => {
            const child = spawn(path.join(this.bin, 'initdb'), ['-D', this.dataFolder, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C'], {
                stdio: ['ignore', 'ignore', 'pipe'], ...(this.user ?? {})
            });
            let errors = '';
            child.stderr!.on('data', chunk => errors += chunk);
            child.once('error', reject);
            child.once('exit', code => code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${errors.trim()}`)));
        });
    }

    protected async waitUntilReady(child: ChildProcess): Promise<void> {
        const deadline = Date.now() + 30_000;
        for (; ;) {
            if (child.exitCode !== null || child.signalCode !== null) {
                throw new Error(`postgres exited at start: ${this.log().trim().split('\n').slice(-5).join('\n')}`);
            }
            try {
                await this.withClient(client => client.query('SELECT 1'));
                return;
            } catch (error) {
                if (Date.now() > deadline) {
                    throw new Error(`postgres did not accept connections within 30 s: ${String(error)}`);
                }
                await new Promise(resolve => setTimeout(resolve, 100));
            }
        }
    }

    /** At process exit: no awaiting possible, so the group is killed and the folder removed at once. */
    forceStop(): void {
        const pid = this.process?.pid;
        if (pid !== undefined) {
            signalGroup(pid, 'SIGKILL');
        }
        liveServers.delete(this);
        fs.rmSync(this.folder, { recursive: true, force: true });
    }
}

const liveServers = new Set<PostgresTestServer>();
process.once('exit', () => [...liveServers].forEach(server => server.forceStop()));

let shared: Promise<PostgresTestServer> | undefined;

/**
 * One server for a whole test process, started on first use and removed at its exit: specs take a
 * database each (`createDatabase`) instead of paying for a cluster each. Its commits skip the disk
 * flush: unit tests check what Presswork writes and reads, not PostgreSQL's durability (the crash
 * tests and benchmarks start durable servers of their own), and a flush a write made the features'
 * PostgreSQL run several times slower.
 */
export function sharedPostgresTestServer(): Promise<PostgresTestServer> {
    shared ??= PostgresTestServer.start({ settings: { max_connections: '300', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    return shared;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        // already gone
    }
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBinaries(): string {
    const root = '/usr/lib/postgresql';
    const majors = fs.existsSync(root) ? fs.readdirSync(root).filter(name => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
    for (const major of majors) {
        const bin = path.join(root, major, 'bin');
        if (fs.existsSync(path.join(bin, 'postgres'))) {
            return bin;
        }
    }
    throw new Error('PostgreSQL is not installed (Debian package postgresql); run npm run setup');
}

async function systemUser(name: string): Promise<SystemUser> {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
