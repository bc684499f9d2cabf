import * as assert from 'node:assert/strict';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from '@presswork/platform/lib/common';
import { MarcomCentralClient } from '../marcomcentral';
import { MarcomCentralConnectionType } from '../marcomcentral-connection-type';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { connectionDocument } from '../test/connection-documents';
import { AddressLookup, PrintFileSourceRefused } from './print-file-source';

/**
 * Print file URLs as a hostile store would send them, fetched through the connection type with a
 * real HTTP server on 127.0.0.1 and a resolver that answers for made-up names (so a name that
 * reaches the server at all proves the connection went to the checked address).
 */
describe('Print file sources', () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const names: Record<string, string> = {
        'store.test': '127.0.0.1', 'files.test': '127.0.0.1', 'evil.example': '10.0.0.5',
        'public.example': '93.184.216.34', 'cdn.public.example': '93.184.216.35', 'metadata.test': '169.254.169.254'
    };
    const lookup: AddressLookup = async hostname => {
        const address = names[hostname];
        if (!address) {
            throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        }
        return [{ address, family: 4 }];
    };
    let server: Server;
    let port: number;
    let requests: string[];
    const type = inject(new MarcomCentralConnectionType(), { client: new MarcomCentralClient({ timeoutMs: 5_000 }), addressLookup: lookup });

    before(async () => {
        server = createServer((request, response) => {
            requests.push(`${request.headers.host}${request.url}`);
            // /hop0 → /hop1 → … → /hop4, which answers the file.
            const hop = /^\/hop(\d+)$/.exec(request.url ?? '');
            const redirect = request.url === '/to-evil' ? `http://evil.example:${port}/files/1.pdf`
                : request.url === '/to-other' ? `http://127.0.0.2:${port}/files/1.pdf`
                    : hop && Number(hop[1]) < 4 ? `/hop${Number(hop[1]) + 1}` : undefined;
            if (redirect) {
                response.writeHead(302, { Location: redirect }).end();
            } else {
                response.writeHead(200, { 'Content-Type': 'application/pdf' }).end(pdf);
            }
        });
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as AddressInfo).port;
    });

    beforeEach(() => {
        requests = [];
    });

    after(async () => {
        await new Promise(resolve => server.close(resolve));
    });

    function connection(endpointUrl: string, printFileHosts?: string[]): Connection {
        return { ...connectionDocument('conn-1', { endpointUrl, printFileHosts }), version: 1 };
    }

    async function refused(on: Connection, url: string, why: RegExp): Promise<void> {
        await assert.rejects(type.downloadFile(on, url, 1_000_000), (error: unknown) => {
            assert.ok(error instanceof PrintFileSourceRefused, String(error));
            assert.match(error.message, why);
            return true;
        });
    }

    it('fetches from the connection\'s own host, on loopback when the connection is there too', async () => {
        const bytes = await type.downloadFile(connection(`http://127.0.0.1:${port}`), `http://127.0.0.1:${port}/files/1.pdf`, 1_000_000);
        assert.deepEqual(Buffer.from(bytes), pdf);
    });

    it('fetches from a listed host by the address it checked (the name is unknown to real DNS)', async () => {
        const bytes = await type.downloadFile(connection(`http://store.test:${port}`, ['files.test']), `http://files.test:${port}/files/1.pdf`, 1_000_000);
        assert.deepEqual(Buffer.from(bytes), pdf);
        assert.deepEqual(requests, [`files.test:${port}/files/1.pdf`]);
    });

    it('refuses a host that is neither the connection\'s nor listed', async () => {
        await refused(connection(`http://127.0.0.1:${port}`), `http://evil.example:${port}/files/1.pdf`,
            /^The print file URL points to evil\.example, which is neither the connection's host \(127\.0\.0\.1\) nor one of its print file hosts$/);
        await refused(connection('https://public.example'), 'https://cdn.public.example/1.pdf', /points to cdn\.public\.example, which is neither/);
    });

    it('refuses loopback, private and link-local addresses when the connection is not there, even for listed hosts', async () => {
        const publicStore = connection('https://public.example', ['127.0.0.1', 'evil.example', '10.0.0.5', '169.254.169.254', 'metadata.test', '::ffff:10.0.0.5']);
        await refused(publicStore, `http://127.0.0.1:${port}/files/1.pdf`, /points to 127\.0\.0\.1, a loopback address, which is not where the connection's host is/);
        await refused(publicStore, 'http://10.0.0.5/files/1.pdf', /^The print file URL points to 10\.0\.0\.5, a private address, which is not where the connection's host is$/);
        await refused(publicStore, 'http://evil.example/files/1.pdf', /points to evil\.example \(10\.0\.0\.5\), a private address/);
        await refused(publicStore, 'http://[::ffff:10.0.0.5]/files/1.pdf', /points to 10\.0\.0\.5, a private address/);
        await refused(publicStore, 'http://169.254.169.254/latest/meta-data/', /points to 169\.254\.169\.254, a link-local address/);
        await refused(publicStore, 'http://metadata.test/latest/meta-data/', /metadata\.test \(169\.254\.169\.254\), a link-local address/);
        assert.deepEqual(requests, [], 'nothing was requested');
    });

    it('checks every redirect by the same rules, and follows at most 3', async () => {
        const local = connection(`http://127.0.0.1:${port}`);
        await refused(local, `http://127.0.0.1:${port}/to-evil`, /points to evil\.example, which is neither/);
        await refused(local, `http://127.0.0.1:${port}/to-other`, /points to 127\.0\.0\.2, which is neither/);
        assert.deepEqual(requests, [`127.0.0.1:${port}/to-evil`, `127.0.0.1:${port}/to-other`], 'no redirect target was requested');
        await assert.rejects(type.downloadFile(local, `http://127.0.0.1:${port}/hop0`, 1_000_000), /redirects more than 3 times/);
        assert.equal(requests.length, 2 + 4, 'the first request and 3 redirects');
    });

    it('follows up to 3 redirects within the connection\'s host', async () => {
        const bytes = await type.downloadFile(connection(`http://127.0.0.1:${port}`), `http://127.0.0.1:${port}/hop1`, 1_000_000);
        assert.deepEqual(Buffer.from(bytes), pdf);
    });
});
