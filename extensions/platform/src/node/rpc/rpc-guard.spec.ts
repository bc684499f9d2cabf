import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { z } from 'zod';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import type { ILogger } from '@theia/core/lib/common/logger';
import { RecordingLogger, recordingLogger } from '../test/recording-logger';
import type { Authority } from '../../common/authority';
import { PressworkError } from '../../common/errors';
import type { RpcContract } from '../../common/rpc-contract';
import type { User } from '../../common/user-schema';
import { DocumentConflictError, DocumentNotFoundError, DocumentUnavailableError, DocumentValidationError } from '../store/store-errors';
import type { RpcCaller } from './rpc-caller';
import { guardRpcService, reservedKeyIn } from './rpc-guard';
import { WaitedCall, currentCall } from '../waited-call';

interface Thing {
    name: string;
    copies: number;
    tags: string[];
}

interface TestService {
    whoAmI(): Promise<string>;
    createThing(thing: Thing): Promise<Thing>;
    rename(id: string, name: string, version: number): Promise<string>;
    deleteEverything(): Promise<void>;
    /** Present on the service but, on purpose, missing from the contract below. */
    internalOnly(): Promise<string>;
}

const ThingSchema = z.object({
    name: z.string().trim().min(1).max(20),
    copies: z.number().int().positive().default(1),
    tags: z.array(z.string()).default([])
});

const CONTRACT = {
    whoAmI: { access: 'signed-in', args: z.tuple([]) },
    createThing: { access: 'users.manage', args: z.tuple([ThingSchema]) },
    rename: { access: 'signed-in', args: z.tuple([z.string().min(1), z.string().transform(name => name.toUpperCase()), z.number().int().positive().default(1)]) },
    deleteEverything: { access: 'users.manage', args: z.tuple([]) }
} as unknown as RpcContract<TestService>;

const ACCESS_DENIED = -32010;
const INVALID_INPUT = -32011;
const CONFLICT = -32012;
const NOT_FOUND = -32013;
const REFUSED = -32014;
const INTERNAL = -32015;

function userOf(authority: Authority): User {
    return {
        id: `user-${authority.toLowerCase()}`,
        version: 1,
        name: authority.toLowerCase(),
        authority,
        passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
        mustChangePassword: false,
        createdAt: '2026-01-15T09:30:00.000Z'
    };
}

/** An assert.rejects predicate: an application error with this code whose message matches. */
function applicationError(code: number, message?: RegExp): (error: unknown) => boolean {
    return error => {
        assert.ok(typeof error === 'object' && error !== null && ApplicationError.is(error), `expected an application error, got ${error}`);
        assert.equal((error as ApplicationError<number, unknown>).code, code, `code of ${(error as Error).message}`);
        if (message) {
            assert.match((error as Error).message, message);
        }
        return true;
    };
}

describe('guardRpcService', () => {

    let service: { [K in keyof TestService]: sinon.SinonStub };
    let userStub: sinon.SinonStub<[], User>;
    let caller: RpcCaller;
    let logger: RecordingLogger;
    let guarded: TestService;

    beforeEach(() => {
        service = {
            whoAmI: sinon.stub().resolves('me'),
            createThing: sinon.stub().callsFake(async (thing: Thing) => thing),
            rename: sinon.stub().resolves('renamed'),
            deleteEverything: sinon.stub().resolves(),
            internalOnly: sinon.stub().resolves('secret')
        };
        userStub = sinon.stub<[], User>().returns(userOf('Administrator'));
        caller = { user: userStub, sessionId: 'session-1' };
        logger = recordingLogger();
        guarded = guardRpcService(service as unknown as TestService, CONTRACT, caller, logger as unknown as ILogger);
    });

    afterEach(() => sinon.restore());

    function signInAs(authority: Authority): void {
        userStub.returns(userOf(authority));
    }

    function noServiceCalls(): void {
        for (const [name, stub] of Object.entries(service)) {
            assert.equal(stub.called, false, `${name} must not be called`);
        }
    }

    describe('the contract', () => {

        it('refuses a method that is missing from the contract, without calling the service', async () => {
            await assert.rejects(guarded.internalOnly(), applicationError(ACCESS_DENIED, /internalOnly is not an operation/));
            assert.ok(PressworkError.AccessDenied.is(await guarded.internalOnly().catch(error => error)));
            noServiceCalls();
        });

        it('refuses a method missing from the contract before looking at the caller', async () => {
            userStub.throws(new Error('must not be asked'));
            await assert.rejects(guarded.internalOnly(), applicationError(ACCESS_DENIED));
            assert.equal(userStub.called, false);
        });

        for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'noSuchMethod']) {
            it(`refuses ${name}, which is not in the contract even though objects inherit it`, async () => {
                const method = (guarded as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name];
                assert.equal(typeof method, 'function');
                await assert.rejects(method(), applicationError(ACCESS_DENIED));
                noServiceCalls();
            });
        }

        it('is not mistaken for a promise or serialised: then and toJSON are undefined', async () => {
            const record = guarded as unknown as Record<string | symbol, unknown>;
            assert.equal(record.then, undefined);
            assert.equal(record.toJSON, undefined);
            assert.equal(record[Symbol.iterator], undefined);
            assert.equal(record[Symbol.toPrimitive], undefined);
            assert.equal(await Promise.resolve(guarded), guarded, 'awaiting the proxy yields the proxy itself');
            noServiceCalls();
        });
    });

    describe('the caller', () => {

        it('refuses a caller without a session, without calling the service', async () => {
            userStub.throws(PressworkError.AccessDenied('Your session has ended: sign in again'));
            await assert.rejects(guarded.whoAmI(), applicationError(ACCESS_DENIED, /session has ended/));
            await assert.rejects(guarded.createThing({ name: 'x', copies: 1, tags: [] }), applicationError(ACCESS_DENIED, /session has ended/));
            noServiceCalls();
        });

        it('asks for the caller at every call, so a session that ends is refused from then on', async () => {
            assert.equal(await guarded.whoAmI(), 'me');
            userStub.throws(PressworkError.AccessDenied('Your session has ended: sign in again'));
            await assert.rejects(guarded.whoAmI(), applicationError(ACCESS_DENIED));
            assert.equal(service.whoAmI.callCount, 1);
        });

        it('lets every authority call a signed-in method', async () => {
            for (const authority of ['Administrator', 'Operator', 'Monitor'] as const) {
                signInAs(authority);
                assert.equal(await guarded.whoAmI(), 'me');
            }
            assert.equal(service.whoAmI.callCount, 3);
        });

        for (const authority of ['Monitor', 'Operator'] as const) {
            it(`refuses users.manage to ${authority} and logs the refusal`, async () => {
                signInAs(authority);
                await assert.rejects(guarded.deleteEverything(), applicationError(ACCESS_DENIED, new RegExp(`\\(${authority}\\) does not allow`)));
                noServiceCalls();
                assert.ok(logger.warn.calledOnce);
                assert.match(String(logger.warn.firstCall.args[0]), new RegExp(`deleteEverything.*${authority}.*users\\.manage`));
            });
        }

        it('allows users.manage to an Administrator', async () => {
            signInAs('Administrator');
            await guarded.deleteEverything();
            assert.ok(service.deleteEverything.calledOnce);
            assert.ok(service.deleteEverything.calledOn(service), 'called on the service itself');
        });

        it('checks the authority before the arguments', async () => {
            signInAs('Monitor');
            await assert.rejects(guarded.createThing({ nonsense: true } as unknown as Thing), applicationError(ACCESS_DENIED));
            noServiceCalls();
        });
    });

    describe('the arguments', () => {

        it('refuses invalid arguments with InvalidInput naming the field, without calling the service', async () => {
            await assert.rejects(
                guarded.createThing({ name: 'poster', copies: -3, tags: [] }),
                applicationError(INVALID_INPUT, /^Invalid request: .*0\.copies/));
            await assert.rejects(
                guarded.createThing({ name: '   ', copies: 1, tags: [] }),
                applicationError(INVALID_INPUT, /0\.name/));
            await assert.rejects(
                guarded.rename('thing-1', 42 as unknown as string, 1),
                applicationError(INVALID_INPUT, /\b1:/));
            noServiceCalls();
        });

        it('refuses missing and surplus arguments', async () => {
            await assert.rejects((guarded.createThing as (...args: unknown[]) => Promise<unknown>)(), applicationError(INVALID_INPUT));
            await assert.rejects((guarded.whoAmI as (...args: unknown[]) => Promise<unknown>)('extra'), applicationError(INVALID_INPUT));
            noServiceCalls();
        });

        it('is an InvalidInput error of the declared kind', async () => {
            const error = await guarded.createThing({ name: '', copies: 1, tags: [] }).catch(caught => caught);
            assert.ok(PressworkError.InvalidInput.is(error));
        });

        it('passes the parsed arguments (defaults, trims and transforms applied) to the service', async () => {
            const result = await guarded.createThing({ name: '  poster  ' } as Thing);
            assert.deepEqual(service.createThing.firstCall.args, [{ name: 'poster', copies: 1, tags: [] }]);
            assert.deepEqual(result, { name: 'poster', copies: 1, tags: [] });

            await (guarded.rename as (...args: unknown[]) => Promise<string>)('thing-1', 'shouty');
            assert.deepEqual(service.rename.firstCall.args, ['thing-1', 'SHOUTY', 1]);
        });

        it('strips properties the schema does not know', async () => {
            await guarded.createThing({ name: 'poster', copies: 2, tags: ['a'], isAdmin: true } as unknown as Thing);
            assert.deepEqual(service.createThing.firstCall.args[0], { name: 'poster', copies: 2, tags: ['a'] });
        });
    });

    describe('errors from the service', () => {

        it('turns a DocumentConflictError into a Conflict carrying the current version', async () => {
            service.rename.rejects(new DocumentConflictError('things', 'thing-1', 3, 5));
            const error = await guarded.rename('thing-1', 'new', 3).catch(caught => caught);
            applicationError(CONFLICT, /version 5/)(error);
            assert.ok(PressworkError.Conflict.is(error));
            assert.deepEqual(error.data, { currentVersion: 5 });
        });

        it('turns a conflict with a deleted document into a Conflict without a current version', async () => {
            service.rename.rejects(new DocumentConflictError('things', 'thing-1', 3, undefined));
            const error = await guarded.rename('thing-1', 'new', 3).catch(caught => caught);
            applicationError(CONFLICT, /no longer exists/)(error);
            assert.equal(error.data.currentVersion, undefined);
        });

        it('translates the other store errors to their kinds', async () => {
            service.rename.rejects(new DocumentNotFoundError('things', 'thing-1'));
            await assert.rejects(guarded.rename('thing-1', 'new', 1), applicationError(NOT_FOUND, /does not exist/));
            service.rename.rejects(new DocumentValidationError('things', 'thing-1', 'name: Too long'));
            await assert.rejects(guarded.rename('thing-1', 'new', 1), applicationError(INVALID_INPUT, /name: Too long/));
            service.rename.rejects(new DocumentUnavailableError('things', 'thing-1', '/data/things/ab/thing-1.json', 'bad JSON'));
            await assert.rejects(guarded.rename('thing-1', 'new', 1), applicationError(REFUSED, /unavailable/));
            assert.equal(logger.error.called, false);
        });

        it('passes an application error through unchanged', async () => {
            const refused = PressworkError.Refused('You cannot delete yourself');
            service.deleteEverything.rejects(refused);
            const error = await guarded.deleteEverything().catch(caught => caught);
            assert.equal(error, refused);
            assert.equal(logger.error.called, false);
        });

        it('hides an unexpected error behind a logged reference', async () => {
            const failure = new Error('ENOENT: /srv/presswork/secret/path.json');
            service.whoAmI.rejects(failure);

            const error = await guarded.whoAmI().catch(caught => caught);

            applicationError(INTERNAL)(error);
            assert.ok(PressworkError.Internal.is(error));
            const reference: string = error.data.reference;
            assert.match(reference, /^[0-9a-f]{8}$/);
            assert.ok(error.message.includes(reference), 'the message gives the reference');
            assert.ok(!error.message.includes('ENOENT'), 'the message hides the original message');
            assert.ok(!error.message.includes('/srv/presswork'));
            assert.ok(!JSON.stringify(error.toJson?.() ?? {}).includes('ENOENT'));

            assert.ok(logger.error.calledOnce);
            const [message, logged] = logger.error.firstCall.args;
            assert.ok(String(message).includes(reference), 'the log names the same reference');
            assert.match(String(message), /whoAmI/);
            assert.equal(logged, failure, 'the log keeps the original error');
        });

        it('gives each unexpected error its own reference', async () => {
            service.whoAmI.rejects(new Error('boom'));
            const first = await guarded.whoAmI().catch(caught => caught);
            const second = await guarded.whoAmI().catch(caught => caught);
            assert.notEqual(first.data.reference, second.data.reference);
        });

        it('catches a synchronous throw and a thrown non-error as well', async () => {
            service.whoAmI.throws(new TypeError('x is undefined'));
            await assert.rejects(guarded.whoAmI(), applicationError(INTERNAL));
            service.whoAmI.callsFake(() => {
                throw 'a string';
            });
            await assert.rejects(guarded.whoAmI(), applicationError(INTERNAL));
            assert.equal(logger.error.callCount, 2);
        });

        it('returns what the service returns, awaited', async () => {
            service.whoAmI.returns('plain value');
            assert.equal(await guarded.whoAmI(), 'plain value');
        });

        it('runs the service as a call someone waits for, until it has answered', async () => {
            const seen: { call?: WaitedCall; answeredWhileRunning?: boolean } = {};
            service.whoAmI.callsFake(async () => {
                await new Promise(resolve => setImmediate(resolve));
                seen.call = currentCall();
                seen.answeredWhileRunning = seen.call?.answered;
                return 'me';
            });
            assert.equal(currentCall(), undefined);
            assert.equal(await guarded.whoAmI(), 'me');
            assert.equal(seen.answeredWhileRunning, false);
            assert.equal(seen.call?.answered, true);
        });
    });
});

describe('reservedKeyIn', () => {
    it('finds a prototype key at any depth of the arguments, with its path', () => {
        const hostile = JSON.parse('{"defaults": {"copies": 2, "nested": [{"__proto__": {"polluted": true}}]}}');
        assert.deepEqual(reservedKeyIn(['id', hostile]), { key: '__proto__', path: [1, 'defaults', 'nested', '0'] });
        assert.deepEqual(reservedKeyIn([{ constructor: { prototype: {} } }]), { key: 'constructor', path: [0] });
    });

    it('passes plain data, and does not loop on a cycle', () => {
        const cyclic: Record<string, unknown> = { name: 'a' };
        cyclic.self = cyclic;
        assert.equal(reservedKeyIn(['x', 1, null, { properties: { constructorName: 'ok' } }, cyclic]), undefined);
    });
});
