import { readFileSync } from 'node:fs';
import * as net from 'node:net';

/** The lowest port handed out: below it sit the ports services commonly use. */
const LOWEST_PORT = 10_000;
/** Where the system's ephemeral range starts when it cannot be read (Linux's default). */
const DEFAULT_EPHEMERAL_START = 32_768;
/** Ports this process handed out: two callers never get the same one. */
const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, for a server a test or benchmark starts.
 * It is chosen below the system's ephemeral range, so that a port the system assigns meanwhile (a
 * server started on port 0, an outgoing connection) can never be this one: Presswork's demo store,
 * started on port 0 inside the backend, once took the port chosen for that backend.
 */
export async function freePort(): Promise<number> {
    const ephemeralStart = ephemeralRangeStart();
    for (let attempt = 0; attempt < 100; attempt++) {
        const port = LOWEST_PORT + Math.floor(Math.random() * (ephemeralStart - LOWEST_PORT));
        if (!handedOut.has(port) && await nothingListensOn(port)) {
            handedOut.add(port);
            return port;
        }
    }
    throw new Error(`no free port found between ${LOWEST_PORT} and ${ephemeralStart} in 100 tries`);
}

function ephemeralRangeStart(): number {
    try {
        const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
        return Number.isInteger(start) && start > LOWEST_PORT + 1_000 ? start : DEFAULT_EPHEMERAL_START;
    } catch {
        return DEFAULT_EPHEMERAL_START;
    }
}

function nothingListensOn(port: number): Promise<boolean> {
    return new Promise(resolve => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}
