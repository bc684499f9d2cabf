import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {

    it('hands out distinct ports below the system\'s ephemeral range, each one a server can listen on', async () => {
        const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
        const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));

        assert.equal(new Set(ports).size, ports.length, 'no port twice');
        for (const port of ports) {
            assert.ok(port >= 10_000 && port < ephemeralStart, `${port} is below ${ephemeralStart}`);
        }
        const server = net.createServer();
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(ports[0], '127.0.0.1', resolve));
        await new Promise(resolve => server.close(resolve));
    });
});
