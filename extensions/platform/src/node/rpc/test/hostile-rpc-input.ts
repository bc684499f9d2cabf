import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as sinon from 'sinon';
import { PressworkError } from '../../../common/errors';
import type { RpcContract, RpcMethodContract } from '../../../common/rpc-contract';
import type { User } from '../../../common/user-schema';
import { recordingLogger } from '../../test/recording-logger';
import { guardRpcService } from '../rpc-guard';

/*
 * Property tests of hostile RPC input (issue 7, item 3), shared by every package's contracts: the
 * real guard in front of a service that only records calls. Whatever a client sends, the guard
 * either hands the service arguments its schema accepted, or refuses with an InvalidInput error
 * that names the argument, in time, without ever calling the service (so nothing can change).
 */

/** Valid arguments of a method, to make near misses from; each must pass the contract. */
export type ValidSamples = Readonly<Record<string, readonly (readonly unknown[])[]>>;

export interface HostileInputOptions {
    /** Runs per property per method; keep each spec file to a few seconds. */
    readonly numRuns?: number;
}

const ADMINISTRATOR: User = {
    id: 'user-admin', version: 1, name: 'admin', authority: 'Administrator',
    passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    mustChangePassword: false, createdAt: '2026-01-15T09:30:00.000Z'
};

/** How long the guard may take over one call's arguments before we call it a hang (a regex gone quadratic, say). */
const CHECK_BUDGET_MS = 1_500;
const LONG = 'x'.repeat(100_000);

/** Values a hostile client sends: wrong types, overlong strings, Unicode edge cases, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom<unknown>(
        null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, -0, '', ' ', LONG, `${LONG}\u0000`,
        '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDC00y', '\u202Eevil\u202C', '\u200B', '\u200F', '\uFEFF', '\u2028', 'e\u0301', '🧾'.repeat(50),
        '../../../../etc/passwd', '..\\..\\windows', '/etc/passwd', 'C:\\', '%2e%2e%2f', '$(reboot)', '`id`', '; rm -rf /', '<img src=x onerror=alert(1)>',
        '{{constructor.constructor("return process")()}}', '__proto__', 'constructor', [], {}, [[[[[[]]]]]], [null], { length: 1_000_000 },
        JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } }, Array.from({ length: 2_000 }, () => 'a')
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 3 })
);

/** Arguments of any shape: a few JSON values, or hostile values. */
const hostileArguments: fc.Arbitrary<unknown[]> = fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }),
    fc.array(hostileValue, { maxLength: 5 })
);

type Path = readonly (string | number)[];

/** Every place in a value that a near miss may change: the value itself, and each property or element below it. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
    const paths: Path[] = [prefix];
    if (Array.isArray(value)) {
        value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
    } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            paths.push(...pathsOf(item, [...prefix, key]));
        }
    }
    return paths;
}

function withValueAt(value: unknown, path: Path, replacement: unknown): unknown {
    if (path.length === 0) {
        return replacement;
    }
    const [head, ...rest] = path;
    const copy: Record<string | number, unknown> = Array.isArray(value) ? [...value] as unknown as Record<number, unknown> : { ...value as object };
    Object.defineProperty(copy, head, { value: withValueAt(copy[head], rest, replacement), enumerable: true, writable: true, configurable: true });
    return copy;
}

/** A valid argument list with one value replaced, one property removed, or an unknown property added. */
function nearMiss(sample: readonly unknown[]): fc.Arbitrary<{ args: unknown[], path: Path }> {
    const found = pathsOf([...sample]).filter(path => path.length > 0);
    // A sample without arguments: the near miss is an argument where none belongs.
    const paths: Path[] = found.length > 0 ? found : [[0]];
    return fc.tuple(fc.constantFrom(...paths), hostileValue, fc.constantFrom('replace', 'remove', 'add')).map(([path, value, change]) => {
        if (change === 'remove') {
            const parent = path.slice(0, -1);
            const parentValue = parent.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], [...sample]);
            if (typeof parentValue === 'object' && parentValue !== null && !Array.isArray(parentValue)) {
                const { [path[path.length - 1]]: _removed, ...rest } = parentValue as Record<string, unknown>;
                return { args: withValueAt([...sample], parent, rest) as unknown[], path: parent };
            }
        }
        if (change === 'add') {
            const parent = path.slice(0, -1);
            const parentValue = parent.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], [...sample]);
            if (typeof parentValue === 'object' && parentValue !== null && !Array.isArray(parentValue)) {
                const extended = { ...parentValue as object };
                Object.defineProperty(extended, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
                Object.assign(extended, { isAdmin: true, constructor: value });
                return { args: withValueAt([...sample], parent, extended) as unknown[], path: parent };
            }
        }
        return { args: withValueAt([...sample], path, value) as unknown[], path };
    });
}

/** No object in the value has had its prototype replaced (through a `__proto__` key, say). */
function plainThroughout(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) {
        return true;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) {
        return false;
    }
    return Object.values(value).every(plainThroughout);
}

/** Calls the guarded method and checks what happened against the method's own schema. */
async function checkCall(method: string, row: RpcMethodContract, args: unknown[]): Promise<{ refused: boolean, message?: string }> {
    const service = { [method]: sinon.stub().resolves('done') };
    const logger = recordingLogger();
    const guarded = guardRpcService(service, { [method]: row } as unknown as RpcContract<typeof service>, { user: () => ADMINISTRATOR, sessionId: 's' }, logger);
    const started = Date.now();
    const error = await (guarded[method] as (...values: unknown[]) => Promise<unknown>)(...args).then(() => undefined, caught => caught);
    const took = Date.now() - started;
    assert.ok(took < CHECK_BUDGET_MS, `${method}: checking the arguments took ${took} ms`);
    assert.equal(logger.error.called, false, `${method}: no unexpected error`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    if (error === undefined) {
        assert.ok(service[method].calledOnce, `${method}: accepted arguments reach the service`);
        const passed = service[method].firstCall.args;
        assert.ok(row.args.safeParse(args).success, `${method}: only arguments the schema accepts reach the service`);
        assert.equal(JSON.stringify(passed).includes('"polluted"'), false, `${method}: no prototype key reaches the service`);
        assert.ok(plainThroughout(passed), `${method}: every object reaching the service has a plain prototype`);
        return { refused: false };
    }
    assert.ok(PressworkError.InvalidInput.is(error), `${method}: refused as InvalidInput, not ${error instanceof Error ? error.stack : String(error)}`);
    assert.equal(service[method].called, false, `${method}: a refused call never reaches the service`);
    const message = (error as Error).message;
    assert.match(message, /^Invalid request: /);
    assert.ok(message.length < 1_500, `${method}: a bounded message, not an echo of the input (${message.length} characters)`);
    assert.ok(!message.includes(LONG.slice(0, 300)), `${method}: the message does not echo an overlong value`);
    return { refused: true, message };
}

/**
 * Mocha tests for every method of a contract: arbitrary arguments, and near misses of the
 * given valid samples (whose refusal must name the argument that was changed).
 */
export function describeHostileRpcInput(name: string, contract: object, samples: ValidSamples = {}, options: HostileInputOptions = {}): void {
    const rows = contract as Readonly<Record<string, RpcMethodContract>>;
    const numRuns = options.numRuns ?? 40;
    describe(`${name}: hostile RPC input`, () => {
        it('has samples only for methods of the contract', () => {
            for (const method of Object.keys(samples)) {
                assert.ok(Object.hasOwn(rows, method), `${method} is not in the contract`);
            }
        });

        for (const [method, row] of Object.entries(rows)) {
            it(`${method}: arbitrary arguments are accepted by the schema or refused as InvalidInput, never reaching the service`, async () => {
                await fc.assert(fc.asyncProperty(hostileArguments, async args => {
                    await checkCall(method, row, args);
                }), { numRuns });
                // Surplus arguments are never ignored.
                assert.equal((await checkCall(method, row, Array.from({ length: 9 }, () => 'surplus'))).refused, true);
            });

            for (const [index, sample] of (samples[method] ?? []).entries()) {
                it(`${method}: near misses of valid sample ${index + 1} are refused naming the argument, or accepted as plain data`, async () => {
                    assert.equal((await checkCall(method, row, [...sample])).refused, false, 'the sample itself is valid');
                    await fc.assert(fc.asyncProperty(nearMiss(sample), async ({ args, path }) => {
                        const { refused, message } = await checkCall(method, row, args);
                        if (refused) {
                            assert.match(message!, new RegExp(`(: |; )${path[0]}[.:]`), `the refusal names argument ${path[0]}: ${message}`);
                        }
                    }), { numRuns: numRuns * 2 });
                });
            }
        }
    });
}
