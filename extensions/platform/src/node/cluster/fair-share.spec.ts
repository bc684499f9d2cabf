import { strict as assert } from 'node:assert';
import { planShare } from './fair-share';

const names = Array.from({ length: 32 }, (_, index) => `orders:${index}`);

describe('planShare', () => {

    it('takes every free lease for a server alone', () => {
        const plan = planShare({ names, mine: new Set(), takenByOthers: new Set(), liveServers: 1, serverId: 'a' });
        assert.deepEqual([...plan.take].sort(), [...names].sort());
        assert.deepEqual(plan.giveUp, []);
    });

    it('gives up what exceeds ceil(n / servers) when a server joins, and the newcomer takes only free leases', () => {
        const all = new Set(names);
        const holder = planShare({ names, mine: all, takenByOthers: new Set(), liveServers: 3, serverId: 'a' });
        assert.equal(holder.giveUp.length, 32 - 11);
        assert.deepEqual(holder.take, []);
        const newcomer = planShare({ names, mine: new Set(), takenByOthers: all, liveServers: 3, serverId: 'b' });
        assert.deepEqual(newcomer.take, []);
    });

    it('gives up the same leases on every call, and servers prefer different ones', () => {
        const input = { names, mine: new Set(names), takenByOthers: new Set<string>(), liveServers: 2 };
        assert.deepEqual(planShare({ ...input, serverId: 'a' }).giveUp, planShare({ ...input, serverId: 'a' }).giveUp);
        const free = { names, mine: new Set<string>(), takenByOthers: new Set<string>(), liveServers: 2 };
        assert.notDeepEqual(planShare({ ...free, serverId: 'a' }).take, planShare({ ...free, serverId: 'b' }).take);
    });

    it('tops a share up to its size with free leases only', () => {
        const mine = new Set(names.slice(0, 10));
        const takenByOthers = new Set(names.slice(10, 28));
        const plan = planShare({ names, mine, takenByOthers, liveServers: 2, serverId: 'a' });
        assert.deepEqual([...plan.take].sort(), names.slice(28).sort());
    });

    it('keeps the one leader lease wherever it is', () => {
        assert.deepEqual(planShare({ names: ['leader'], mine: new Set(['leader']), takenByOthers: new Set(), liveServers: 5, serverId: 'a' }), { take: [], giveUp: [] });
        assert.deepEqual(planShare({ names: ['leader'], mine: new Set(), takenByOthers: new Set(['leader']), liveServers: 5, serverId: 'b' }), { take: [], giveUp: [] });
    });
});
