import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import express from '@theia/core/shared/express';
import type { RequestUsers } from '../auth/request-user';
import { DOCS_FOLDER, GuidesRoute } from './guides-route';

class GuidesRouteOver extends GuidesRoute {
    constructor(protected override readonly folder: string, signedIn: boolean) {
        super();
        Object.assign(this, {
            users: { userOf: () => signedIn ? { name: 'op' } : undefined } as unknown as RequestUsers,
            logger: { error: () => undefined }
        });
    }
}

describe('GuidesRoute', () => {
    let folder: string;
    let outside: string;
    const servers: Array<{ close(): void }> = [];

    async function serve(signedIn = true): Promise<string> {
        const app = express();
        new GuidesRouteOver(folder, signedIn).configure(app);
        const server = app.listen(0, '127.0.0.1');
        servers.push(server);
        await new Promise(resolve => server.once('listening', resolve));
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    beforeEach(async () => {
        const root = await fs.mkdtemp(path.join(os.tmpdir(), 'guides-'));
        folder = path.join(root, 'docs');
        outside = path.join(root, 'secret.png');
        await fs.mkdir(path.join(folder, 'images'), { recursive: true });
        await fs.writeFile(path.join(folder, 'operator-guide.md'), '# Operator guide\n\nSee [users](administrator-guide.md#users).\n\n<script>alert(1)</script>\n\n![Pod](images/pod.png)\n');
        await fs.writeFile(path.join(folder, 'images', 'pod.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        await fs.writeFile(outside, 'not for you');
    });

    afterEach(() => {
        servers.splice(0).forEach(server => server.close());
    });

    it('serves a guide as a page: links to the other guide point at its page, raw HTML stays text', async () => {
        const response = await fetch(`${await serve()}/guides/operator`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        const page = await response.text();
        assert.match(page, /<h1>Operator guide<\/h1>/);
        assert.match(page, /href="\/guides\/administrator#users"/);
        assert.doesNotMatch(page, /<script>/);
        assert.match(page, /&lt;script&gt;/);
        assert.match(page, /<img src="images\/pod.png"/);
    });

    it('serves the pictures beside the guides', async () => {
        const response = await fetch(`${await serve()}/guides/images/pod.png`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'image/png');
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });

    it('refuses unknown guides, missing ones, names that climb out, and anyone not signed in', async () => {
        const base = await serve();
        assert.equal((await fetch(`${base}/guides/secret`)).status, 404);
        assert.equal((await fetch(`${base}/guides/administrator`)).status, 404);
        assert.equal((await fetch(`${base}/guides/images/..%2Fsecret.png`)).status, 404);
        assert.equal((await fetch(`${base}/guides/images/..%2F..%2Fsecret.png`)).status, 404);
        assert.equal((await fetch(`${await serve(false)}/guides/operator`)).status, 401);
    });

    it("finds the repository's docs folder, where the guides are", async () => {
        await fs.access(path.join(DOCS_FOLDER, 'operator-guide.md'));
        await fs.access(path.join(DOCS_FOLDER, 'administrator-guide.md'));
    });
});
