import * as assert from 'node:assert/strict';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { PressworkError } from '../../common/errors';
import { MAX_LOGO_BYTES, ShopIdentityInputSchema, ShopIdentityServiceContract, logoProblem } from '../../common/shop-identity';
import { inject } from '../test/inject';
import { TempStore } from '../test/temp-store';
import { testJpegHeader, testPng } from '../test/test-images';
import { ShopIdentityStore } from './shop-identity-store';

const png = (bytes: Buffer = testPng()) => ({ type: 'image/png' as const, data: bytes.toString('base64') });
const IDENTITY = { name: 'Northside Print Co.', address: '12 Mill Road\nSpringfield', documentLocale: 'en-US' };

describe('shop identity', () => {
    describe('logo check (hostile uploads)', () => {
        it('takes a real PNG and a JPEG', () => {
            assert.equal(logoProblem('image/png', testPng().toString('base64')), undefined);
            assert.equal(logoProblem('image/jpeg', testJpegHeader().toString('base64')), undefined);
        });

        const refusals: [string, string, string, RegExp][] = [
            ['an SVG named as a PNG', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64'), /is not a PNG image/],
            ['HTML named as a JPEG', 'image/jpeg', Buffer.from('<html><body onload="alert(1)">').toString('base64'), /is not a JPEG image/],
            ['a JPEG declared as a PNG', 'image/png', testJpegHeader().toString('base64'), /is not a PNG image/],
            ['a GIF', 'image/gif', Buffer.from('GIF89a......').toString('base64'), /must be a PNG or JPEG image/],
            ['text that is not base64', 'image/png', 'not base64 at all!', /not base64/],
            ['a PNG cut after its signature', 'image/png', testPng().subarray(0, 20).toString('base64'), /is not a PNG image/],
            ['a PNG claiming 100000 × 100000 pixels', 'image/png', testPng(4, 2, { width: 100_000, height: 100_000 }).toString('base64'), /at most 4000 × 4000 pixels; this image is 100000 × 100000/],
            ['a PNG of no pixels', 'image/png', testPng(4, 2, { width: 0, height: 2 }).toString('base64'), /pixels/],
            ['a file over 512 KB', 'image/png', Buffer.concat([testPng(), Buffer.alloc(MAX_LOGO_BYTES)]).toString('base64'), /at most 512 KB; this file has \d+ KB/]
        ];
        for (const [what, type, data, message] of refusals) {
            it(`refuses ${what}, saying why`, () => {
                assert.match(logoProblem(type, data) ?? '(taken)', message);
            });
        }

        it('refuses an oversized upload by its length before decoding it', () => {
            const parsed = ShopIdentityInputSchema.safeParse({ ...IDENTITY, logo: { type: 'image/png', data: 'A'.repeat(4 * MAX_LOGO_BYTES) } });
            assert.ok(!parsed.success);
            assert.match(parsed.error.issues.map(issue => issue.message).join(' '), /at most 512 KB/);
        });

        it('checks the logo at the RPC boundary too', () => {
            const args = ShopIdentityServiceContract.save.args.safeParse([undefined, { ...IDENTITY, logo: { type: 'image/png', data: Buffer.from('<svg/>').toString('base64') } }]);
            assert.ok(!args.success);
        });
    });

    describe('store', () => {
        let temp: TempStore;
        let identities: ShopIdentityStore;

        beforeEach(async () => {
            temp = await TempStore.open();
            identities = inject(new ShopIdentityStore(), { store: temp.store });
        });
        afterEach(() => temp.dispose());

        it('is unset until an administrator saves it, then survives a restart', async () => {
            assert.equal(identities.get(), undefined);
            const saved = await identities.save('admin', undefined, { ...IDENTITY, logo: png() });
            assert.equal(saved.name, IDENTITY.name);
            assert.equal(saved.updatedBy, 'admin');
            identities = inject(new ShopIdentityStore(), { store: await temp.reopen() });
            assert.equal(identities.get()?.logo?.data, png().data);
            assert.equal(identities.get()?.address, IDENTITY.address);
        });

        it('keeps the logo when none is sent and removes it when asked', async () => {
            const first = await identities.save('admin', undefined, { ...IDENTITY, logo: png() });
            const second = await identities.save('admin', first.version, { ...IDENTITY, name: 'Northside Print' });
            assert.equal(second.logo?.data, png().data);
            const third = await identities.save('admin', second.version, { ...IDENTITY, logo: null });
            assert.equal(third.logo, undefined);
        });

        it('refuses a hostile or incomplete identity with every problem named, and stores nothing', async () => {
            const error = await identities.save('admin', undefined, {
                name: '  ', address: 'x'.repeat(700), documentLocale: '<script>', logo: { type: 'image/png', data: Buffer.from('<svg/>').toString('base64') }
            }).then(() => undefined, (failure: unknown) => failure);
            assert.ok(PressworkError.InvalidInput.is(error as ApplicationError<number, object>), String(error));
            const message = (error as Error).message;
            for (const field of [/name: is required/, /address: must be at most 600/, /documentLocale: must be a language tag/, /logo\.data: is not a PNG image/]) {
                assert.match(message, field);
            }
            assert.equal(identities.get(), undefined);
        });

        it('refuses to overwrite what someone else saved meanwhile', async () => {
            const first = await identities.save('admin', undefined, IDENTITY);
            await identities.save('other', first.version, { ...IDENTITY, name: 'Theirs' });
            await assert.rejects(identities.save('admin', first.version, { ...IDENTITY, name: 'Mine' }));
            await assert.rejects(identities.save('admin', undefined, IDENTITY), /saved by someone else/);
            assert.equal(identities.get()?.name, 'Theirs');
        });
    });
});
