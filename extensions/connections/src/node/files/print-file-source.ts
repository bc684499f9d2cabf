import { lookup as dnsLookup } from 'node:dns/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import * as ipaddr from 'ipaddr.js';
import type { Connection } from '@presswork/platform/lib/common';

/** Resolves a host name to its addresses (Node's dns.lookup; tests pass their own). */
export type AddressLookup = (hostname: string) => Promise<ReadonlyArray<{ readonly address: string; readonly family: number }>>;
export const systemLookup: AddressLookup = hostname => dnsLookup(hostname, { all: true });

/** A print file URL that may not be fetched; the message says why, for the job's log. */
export class PrintFileSourceRefused extends Error {
    override readonly name = 'PrintFileSourceRefused';
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
    loopback: 'loopback', private: 'private', linkLocal: 'link-local', uniqueLocal: 'private (unique local)',
    carrierGradeNat: 'carrier-grade NAT', unspecified: 'unspecified', broadcast: 'broadcast', multicast: 'multicast'
};

/**
 * Decides whether a print file may be fetched from `url` for `connection`, and returns the agent
 * that connects to exactly the address checked (so a second DNS answer cannot swap it). Allowed:
 * the connection's own host and the print file hosts listed for it, at a public address, or in a
 * loopback, private or link-local range only where the connection's own host is too.
 * @throws PrintFileSourceRefused
 */
export async function checkPrintFileSource(
    url: URL, connection: Pick<Connection, 'endpointUrl' | 'printFileHosts'>, lookup: AddressLookup = systemLookup
): Promise<http.Agent> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new PrintFileSourceRefused(`The print file URL uses "${url.protocol}", not http or https`);
    }
    const host = canonicalHost(url.hostname);
    const own = canonicalHost(new URL(connection.endpointUrl).hostname);
    if (host !== own && !(connection.printFileHosts ?? []).some(listed => canonicalHost(listed) === host)) {
        throw new PrintFileSourceRefused(`The print file URL points to ${host}, which is neither the connection's host (${own}) nor one of its print file hosts`);
    }
    const target = await resolveOne(host, lookup);
    const range = target.ip.range();
    if (range !== 'unicast') {
        const ownRanges = new Set((await resolveAll(own, lookup)).map(address => address.ip.range()));
        if (!ownRanges.has(range)) {
            const where = host === target.ip.toString() ? host : `${host} (${target.ip.toString()})`;
            throw new PrintFileSourceRefused(
                `The print file URL points to ${where}, a ${RANGE_NAMES[range] ?? `reserved (${range})`} address, which is not where the connection's host is`);
        }
    }
    return pinnedAgent(url.protocol, target.ip.toString(), target.ip.kind() === 'ipv6' ? 6 : 4);
}

interface Resolved {
    readonly ip: ipaddr.IPv4 | ipaddr.IPv6;
}

/** One spelling per host: lower case, and IP addresses in ipaddr's form (an IPv4-mapped IPv6 address as IPv4). */
function canonicalHost(hostname: string): string {
    const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return ipaddr.isValid(host) ? ipaddr.process(host).toString() : host;
}

async function resolveAll(host: string, lookup: AddressLookup): Promise<Resolved[]> {
    if (ipaddr.isValid(host)) {
        return [{ ip: ipaddr.process(host) }];
    }
    let addresses: Awaited<ReturnType<AddressLookup>>;
    try {
        addresses = await lookup(host);
    } catch (error) {
        throw new PrintFileSourceRefused(`The print file host ${host} could not be resolved (${(error as { code?: string }).code ?? 'lookup failed'})`);
    }
    // ipaddr.process reads an IPv4-mapped IPv6 address (::ffff:10.0.0.5) as the IPv4 address it is.
    return addresses.filter(address => ipaddr.isValid(address.address)).map(address => ({ ip: ipaddr.process(address.address) }));
}

/** The address that will be connected to: the first the resolver gives, as a connection would take. */
async function resolveOne(host: string, lookup: AddressLookup): Promise<Resolved> {
    const [first] = await resolveAll(host, lookup);
    if (!first) {
        throw new PrintFileSourceRefused(`The print file host ${host} has no address`);
    }
    return first;
}

/**
 * Idle connections are closed after this, before a server's own keep-alive limit (Node's default
 * is 5 s) can close one under a new request.
 */
export const IDLE_CONNECTION_MS = 4_000;
const MAX_PINNED_AGENTS = 32;
const pinnedAgents = new Map<string, http.Agent>();

/**
 * The agent for one checked address, shared by the downloads from it so that they reuse their
 * connections (thousands of files from one store would otherwise each open a connection). It
 * connects to that address only, whatever the URL's host name resolves to meanwhile.
 */
function pinnedAgent(protocol: string, address: string, family: 4 | 6): http.Agent {
    const key = `${protocol}//${address}`;
    const known = pinnedAgents.get(key);
    if (known) {
        return known;
    }
    const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        if (options?.all) {
            callback(null, [{ address, family }]);
        } else {
            callback(null, address, family);
        }
    }) as unknown as LookupFunction;
    const options = { lookup, keepAlive: true, timeout: IDLE_CONNECTION_MS };
    const agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    if (pinnedAgents.size >= MAX_PINNED_AGENTS) {
        const [oldest, oldestAgent] = pinnedAgents.entries().next().value!;
        pinnedAgents.delete(oldest);
        oldestAgent.destroy();
    }
    pinnedAgents.set(key, agent);
    return agent;
}
