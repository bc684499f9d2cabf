import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { SESSION_COOKIE } from './session-store';
import { AccountsFixture, createAccountsFixture } from './test/accounts-fixture';
import { createSelfSignedCertificate } from './test/self-signed-certificate';
import { SignInServer, startSignInServer } from './test/sign-in-server';

const ADMIN_PASSWORD = 'Admin#2026pw';

describe('SignInEndpoint over TLS', function (): void {
    this.timeout(30_000);

    let fixture: AccountsFixture;
    let server: SignInServer;
    let certificateFolder: string;
    let cert: string;

    before(async () => {
        certificateFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-tls-'));
        const files = await createSelfSignedCertificate(certificateFolder);
        cert = await fs.readFile(files.certFile, 'utf8');
        fixture = await createAccountsFixture({ initialAdminPassword: ADMIN_PASSWORD, prefix: 'presswork-sign-in-tls-' });
        await fixture.accounts.ensureInitialAdministrator();
        server = await startSignInServer(fixture, { cert, key: await fs.readFile(files.keyFile, 'utf8') });
    });

    after(async () => {
        await server?.close();
        await fixture?.dispose();
        await fs.rm(certificateFolder, { recursive: true, force: true });
    });

    /** A request that trusts the throwaway certificate only (fetch has no per-request CA). */
    function request(method: string, url: string, body?: string): Promise<{ status: number, headers: Record<string, string | string[] | undefined> }> {
        return new Promise((resolve, reject) => {
            const outgoing = https.request(url, {
                method, ca: cert,
                headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
            }, response => {
                response.resume();
                response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
            });
            outgoing.on('error', reject);
            outgoing.end(body);
        });
    }

    it('sets a Secure, HttpOnly, SameSite=Strict session cookie at sign-in', async () => {
        const response = await request('POST', `${server.base}/login`, new URLSearchParams({ name: 'admin', password: ADMIN_PASSWORD }).toString());
        assert.equal(response.status, 303);
        const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find(value => value.startsWith(`${SESSION_COOKIE}=`));
        assert.ok(setCookie, 'a session cookie is set');
        assert.match(setCookie, /;\s*Secure/i);
        assert.match(setCookie, /;\s*HttpOnly/i);
        assert.match(setCookie, /;\s*SameSite=Strict/i);
    });

    it('tells browsers to keep to HTTPS', async () => {
        const response = await request('GET', `${server.base}/login`);
        assert.equal(response.status, 200);
        assert.match(String(response.headers['strict-transport-security']), /max-age=\d{7,}/);
    });
});
