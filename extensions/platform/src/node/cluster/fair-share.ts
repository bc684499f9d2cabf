import { createHash } from 'node:crypto';

export interface ShareInput {
    /** Every lease of one kind of work (the order partitions, the connections, the leader). */
    readonly names: readonly string[];
    /** Of these, the ones this server holds (releasing ones included). */
    readonly mine: ReadonlySet<string>;
    /** Of these, the ones another live server holds. */
    readonly takenByOthers: ReadonlySet<string>;
    readonly liveServers: number;
    /** Spreads servers' first picks apart, so two starting together do not all want the same leases. */
    readonly serverId: string;
}

export interface SharePlan {
    readonly take: readonly string[];
    readonly giveUp: readonly string[];
}

/**
 * A server's fair share of one kind of work: at most ceil(n / live servers) leases, so the shares
 * add up to every lease however they fall. Below its share a server takes free ones; above it
 * (another server came), it gives up the extras for the newcomer to take.
 */
export function planShare(input: ShareInput): SharePlan {
    const share = Math.ceil(input.names.length / Math.max(1, input.liveServers));
    const mine = input.names.filter(name => input.mine.has(name));
    if (mine.length > share) {
        return { take: [], giveUp: byPreference(mine, input.serverId).slice(share) };
    }
    const free = input.names.filter(name => !input.mine.has(name) && !input.takenByOthers.has(name));
    return { take: byPreference(free, input.serverId).slice(0, share - mine.length), giveUp: [] };
}

/** The same order on every call for one server, a different one for each server. */
function byPreference(names: readonly string[], serverId: string): string[] {
    const rank = (name: string) => createHash('sha1').update(serverId).update('\0').update(name).digest().readUInt32BE(0);
    return [...names].map(name => ({ name, rank: rank(name) })).sort((a, b) => a.rank - b.rank).map(entry => entry.name);
}
