import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import type { PrintingRecord } from '@presswork/platform/lib/common/printing-record';
import { RecordingContext, logText } from '@presswork/platform/lib/node/test/activity-context';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { PrinterPoolsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { StoreOutOfReachError } from '@presswork/platform/lib/node/store/store-errors';
import { PrinterTransportError } from '../printers/printer-transport-error';
import { PrinterStatesCollection } from '../output-collections';
import type { PrintProperties } from '../../common/print-activity';
import { IppPrinter } from '../ipp/ipp-printer';
import { LoopbackPrinter, closedPort } from '../printers/test/loopback-printer';
import { PrintedTicket, ReferencePrinter, loadedMedia } from '../test/reference-printer';
import { PRINT_FILE, PrintFixture } from './test/print-fixture';
import { recoveredJob } from './print-activity';

/** The printer's job id from a wait at the printer ("Sent to Printer A as job 42: waiting for the printer"). */
function sentAs(outcome: ActivityOutcome, printerName: string): number {
    assert.ok(outcome.kind === 'wait', JSON.stringify(outcome));
    // The reason says why a job that should have been sent waits instead (a slow printer, a busy one).
    assert.equal(outcome.state, 'Printing', outcome.reason);
    const match = new RegExp(`^Sent to Printer ${printerName} as job (\\d+): waiting for the printer$`).exec(outcome.reason);
    assert.ok(match, outcome.reason);
    return Number(match[1]);
}

function assertWaits(outcome: ActivityOutcome, reason: RegExp): void {
    assert.ok(outcome.kind === 'wait', JSON.stringify(outcome));
    assert.equal(outcome.state, 'Waiting');
    assert.match(outcome.reason, reason);
    assert.ok(Date.parse(outcome.until ?? '') > Date.now() + 50_000, 'it tries again later');
}

async function ticketOf(reference: ReferencePrinter, jobId: number): Promise<PrintedTicket> {
    let ticket: PrintedTicket | undefined;
    await eventually(async () => {
        // The print command may be writing its line right now: a partial line is read again.
        const tickets = await reference.tickets().catch(() => []);
        ticket = tickets.find(candidate => candidate.env.IPP_JOB_ID === String(jobId));
        return ticket !== undefined;
    }, 10_000, `job ${jobId} at the printer's command`);
    return ticket!;
}

/** Waits until the printer prints nothing: ippeveprinter takes one job at a time. */
async function idle(reference: ReferencePrinter): Promise<void> {
    const printer = new IppPrinter(reference.uri);
    await eventually(async () => (await printer.status()).state === 'idle', 15_000, 'the printer to be idle');
}

describe('Print activity', function (): void {
    this.timeout(30_000);

    let fixture: PrintFixture;

    beforeEach(async () => {
        fixture = await PrintFixture.open();
    });

    afterEach(async () => {
        await fixture.dispose();
    });

    describe('to an IPP printer (the reference printer)', () => {
        let reference: ReferencePrinter;

        before(async () => {
            reference = await ReferencePrinter.start();
        });

        after(async () => {
            await reference?.stop();
        });

        beforeEach(async () => {
            await reference.behave({});
            await idle(reference);
        });

        async function printerA(enabled = true): Promise<string> {
            return (await fixture.services.printers.create({ kind: 'ipp', name: 'A', enabled, uri: reference.uri })).id;
        }

        const combinations: { name: string; step: Partial<PrintProperties>; job?: Record<string, string>; expect: Record<string, string | RegExp> }[] = [
            {
                name: 'nothing set: one-sided, no finishing',
                step: {},
                expect: { IPP_SIDES: 'one-sided', IPP_FINISHINGS: 'none' }
            },
            {
                name: 'two-sided long edge, colour, staple and punch, on letter cardstock by media-col',
                step: { sides: 'two-sided-long-edge', colorMode: 'color', finishings: ['staple', 'punch'], mediumId: 'Letter cardstock' },
                expect: {
                    IPP_SIDES: 'two-sided-long-edge', IPP_PRINT_COLOR_MODE: 'color', IPP_FINISHINGS: 'staple,punch',
                    IPP_MEDIA_COL: /^\{media-size=\{x-dimension=21590 y-dimension=27940\} media-type=cardstock/
                }
            },
            {
                name: 'two-sided short edge, black and white, fold, on A4 by its size name',
                step: { sides: 'two-sided-short-edge', colorMode: 'monochrome', finishings: ['fold'], mediumId: 'A4' },
                expect: { IPP_SIDES: 'two-sided-short-edge', IPP_PRINT_COLOR_MODE: 'monochrome', IPP_FINISHINGS: 'fold', IPP_MEDIA: 'iso_a4_210x297mm' }
            },
            {
                name: 'colour as the printer decides, and every other finishing',
                step: { colorMode: 'auto', finishings: ['bind', 'trim', 'saddle-stitch', 'staple-top-left', 'punch-dual-left'] },
                expect: { IPP_PRINT_COLOR_MODE: 'auto', IPP_FINISHINGS: 'bind,trim,saddle-stitch,staple-top-left,punch-dual-left' }
            },
            {
                name: 'the job\'s own properties over the step\'s defaults',
                step: { sides: 'one-sided', colorMode: 'monochrome' },
                job: { sides: 'duplex', colorMode: 'colour', finishings: 'staple', media: 'a4' },
                expect: { IPP_SIDES: 'two-sided-long-edge', IPP_PRINT_COLOR_MODE: 'color', IPP_FINISHINGS: 'staple', IPP_MEDIA: 'iso_a4_210x297mm' }
            }
        ];

        combinations.forEach((combination, index) => {
            it(`sends the ticket with the job: ${combination.name}`, async () => {
                await fixture.services.media.create({ name: 'Letter cardstock', sizeName: 'na_letter_8.5x11in', type: 'cardstock' });
                await fixture.services.media.create({ name: 'A4', sizeName: 'iso_a4_210x297mm' });
                const printerId = await printerA();
                const context = await fixture.context({ printerId, ...combination.step }, { properties: combination.job ?? {} }, `order-${index}`);

                const jobId = sentAs(await fixture.activity.execute(context), 'A');

                const env = (await ticketOf(reference, jobId)).env;
                assert.equal(env.IPP_COPIES, '25', 'the job\'s copies');
                assert.equal(env.IPP_JOB_NAME, `PW-order-${index} Business cards for PW-order-${index}`);
                assert.equal(env.IPP_JOB_ORIGINATING_USER_NAME, 'Ada Lovelace');
                for (const [name, expected] of Object.entries(combination.expect)) {
                    if (typeof expected === 'string') {
                        assert.equal(env[name], expected, name);
                    } else {
                        assert.match(env[name] ?? '', expected, name);
                    }
                }
                const [intent, accepted] = context.printings as PrintingRecord[];
                assert.deepEqual([intent.stepId, intent.printerId, intent.printerName, intent.jobName, intent.deviceJobId],
                    ['print-step', printerId, 'A', env.IPP_JOB_NAME, undefined], 'the intent, recorded before sending');
                assert.deepEqual({ ...accepted, acceptedAt: undefined }, { ...intent, deviceJobId: jobId, acceptedAt: undefined });
                assert.deepEqual(context.states, ['Printing']);
                assert.match(logText(context), /^Ticket: 25 copies, /m);
                assert.match(logText(context), new RegExp(`^Printer A took .* as job ${jobId}$`, 'm'));
            });
        });

        it('logs the ticket in words', async () => {
            await fixture.services.media.create({ name: 'Business card 350 g', sizeName: 'na_letter_8.5x11in', type: 'cardstock', weightGsm: 350 });
            const context = await fixture.context({ printerId: await printerA(), sides: 'two-sided-long-edge', colorMode: 'color', mediumId: 'Business card 350 g' }, { copies: 250 });
            await fixture.activity.execute(context);
            assert.match(logText(context), /^Ticket: 250 copies, two-sided long edge, Business card 350 g, colour; sending to Printer A$/m);
        });

        it('never prints a ticket the printer cannot honour, and waits naming the mismatch', async () => {
            const letterOnly = await ReferencePrinter.start({ attributes: loadedMedia([{ sizeName: 'na_letter_8.5x11in', type: 'stationery', source: 'main' }]) });
            try {
                const medium = await fixture.services.media.create({ name: 'A4 cardstock', sizeName: 'iso_a4_210x297mm', type: 'cardstock' });
                const printer = await fixture.services.printers.create({ kind: 'ipp', name: 'L', enabled: true, uri: letterOnly.uri });
                const context = await fixture.context({ printerId: printer.id, mediumId: medium.id });

                assertWaits(await fixture.activity.execute(context), /^Printer L has no iso_a4_210x297mm cardstock loaded \(A4 cardstock\)$/);

                assert.deepEqual(context.printings, []);
                assert.deepEqual(context.states, []);
                assert.deepEqual(await letterOnly.tickets(), []);
                assert.deepEqual(await new IppPrinter(letterOnly.uri).jobs('not-completed'), []);
                assert.deepEqual(await new IppPrinter(letterOnly.uri).jobs('completed'), []);
            } finally {
                await letterOnly.stop();
            }
        });

        it('takes no new job on a disabled printer', async () => {
            const context = await fixture.context({ printerId: await printerA(false) });
            const before = (await reference.tickets()).length;
            assertWaits(await fixture.activity.execute(context), /^Printer A is disabled$/);
            assert.deepEqual(context.printings, []);
            assert.equal((await reference.tickets()).length, before);
        });

        it('sends to a busy printer the moment it is free; another job bound for it waits soon, leaving no intent', async () => {
            const printerId = await printerA();
            // The printer answers busy (as ippeveprinter does while it prints another job) until it is let free.
            let free = false;
            const submit = fixture.ipp.submit.bind(fixture.ipp);
            fixture.ipp.submit = async submission => {
                if (!free) {
                    throw new PrinterTransportError('busy', 'Print-Job failed: the printer is busy');
                }
                return submit(submission);
            };
            const third = await fixture.context({ printerId }, {}, 'third');
            const second = fixture.activity.execute(await fixture.context({ printerId }, {}, 'second'));
            const asking = (fixture.activity as unknown as { busyPrinters: { asking: Set<string> } }).busyPrinters.asking;
            await eventually(async () => asking.has(printerId), 3000, 'the second job to meet the printer busy and keep asking');

            const waiting = await fixture.activity.execute(third);
            free = true;

            assert.ok(waiting.kind === 'wait', JSON.stringify(waiting));
            assert.match(waiting.reason, /^Printer A is busy with another job: another job is waiting for it to be free/);
            assert.ok(Date.parse(waiting.until!) <= Date.now() + 2000, 'soon');
            assert.deepEqual(third.printings.map(record => record?.jobName.split(' ')[0]), ['PW-third', undefined], 'the intent is cleared: nothing reached the printer');
            sentAs(await second, 'A');
        });

        describe('after a crash', () => {
            it('does not send again a job whose printer job id is recorded: it waits at the printer again', async () => {
                const printerId = await printerA();
                const before = (await reference.tickets()).length;
                const recorded: PrintingRecord = {
                    stepId: 'print-step', printerId, printerName: 'A', jobName: 'PW-order-1 Business cards for PW-order-1',
                    requestedAt: new Date().toISOString(), deviceJobId: 4242, acceptedAt: new Date().toISOString()
                };
                const context = await fixture.context({ printerId }, { printing: recorded });

                assert.equal(sentAs(await fixture.activity.execute(context), 'A'), 4242);

                assert.deepEqual(context.printings, []);
                assert.deepEqual(await new IppPrinter(reference.uri).jobs('not-completed'), []);
                assert.equal((await reference.tickets()).length, before);
            });

            it('finds the job at the printer when only the intent was recorded, and does not send it again', async () => {
                const printerId = await printerA();
                const jobName = 'PW-order-1 Business cards for PW-order-1';
                const requestedAt = new Date().toISOString();
                const file = fixture.temp.join('by-hand.pdf');
                await fs.writeFile(file, PRINT_FILE);
                // The server died right after the printer took the job, before its id was recorded.
                const { jobId } = await new IppPrinter(reference.uri).printJob(file, { jobName, userName: 'Ada Lovelace', documentFormat: 'application/pdf' }, { copies: 25, sides: 'one-sided' });
                await ticketOf(reference, jobId);
                const before = (await reference.tickets()).length;
                const context = await fixture.context({ printerId }, { printing: { stepId: 'print-step', printerId, printerName: 'A', jobName, requestedAt } });

                assert.equal(sentAs(await fixture.activity.execute(context), 'A'), jobId);

                assert.deepEqual(context.printings.map(record => record?.deviceJobId), [jobId]);
                assert.match(logText(context), new RegExp(`Not sent again: Printer A already has it as job ${jobId}`));
                assert.equal((await reference.tickets()).length, before, 'not printed twice');
            });

            it('sends the job when the printer has only an earlier print of the same name', async () => {
                const printerId = await printerA();
                const jobName = 'PW-order-1 Business cards for PW-order-1';
                const file = fixture.temp.join('earlier.pdf');
                await fs.writeFile(file, PRINT_FILE);
                const earlier = await new IppPrinter(reference.uri).printJob(file, { jobName, userName: 'Ada Lovelace', documentFormat: 'application/pdf' }, { copies: 1, sides: 'one-sided' });
                await ticketOf(reference, earlier.jobId);
                await eventually(async () => (await new IppPrinter(reference.uri).job(earlier.jobId))?.state === 'completed', 10_000, 'the earlier print to end');
                const requestedAt = new Date(Date.now() + 2 * 60_000).toISOString();
                const context = await fixture.context({ printerId }, { printing: { stepId: 'print-step', printerId, printerName: 'A', jobName, requestedAt } });

                const jobId = sentAs(await fixture.activity.execute(context), 'A');

                assert.ok(jobId > earlier.jobId);
                await ticketOf(reference, jobId);
            });
        });
    });

    describe('when the IPP printer cannot be talked to', () => {
        let server: net.Server | undefined;
        const sockets = new Set<net.Socket>();

        afterEach(async () => {
            if (server) {
                const closing = new Promise(resolve => server!.close(resolve));
                sockets.forEach(socket => socket.destroy());
                await closing;
                server = undefined;
            }
        });

        async function listen(created: net.Server): Promise<string> {
            server = created;
            created.on('connection', socket => {
                sockets.add(socket);
                socket.on('close', () => sockets.delete(socket));
            });
            await new Promise<void>(resolve => created.listen(0, '127.0.0.1', resolve));
            return `ipp://127.0.0.1:${(created.address() as net.AddressInfo).port}/ipp/print`;
        }

        async function waitsFor(uri: string, reason: RegExp): Promise<void> {
            const printer = await fixture.services.printers.create({ kind: 'ipp', name: 'B', enabled: true, uri });
            const context = await fixture.context({ printerId: printer.id });
            assertWaits(await fixture.activity.execute(context), reason);
            assert.deepEqual(context.printings, [], 'nothing sent, nothing recorded');
            assert.deepEqual(context.states, []);
        }

        it('waits when nothing listens (the connection is refused)', async () => {
            await waitsFor(`ipp://127.0.0.1:${await closedPort()}/ipp/print`, /^Printer B refused the connection/);
        });

        it('waits when the printer cannot be reached (no such host)', async () => {
            await waitsFor('ipp://printer.invalid/ipp/print', /^Printer B could not be reached \(ENOTFOUND\): ipp:\/\/printer\.invalid\/ipp\/print$/);
        });

        it('waits when the printer takes the connection but never answers', async () => {
            fixture.ipp.clientOptions = { connectTimeoutMs: 500, timeoutMs: 500 };
            const uri = await listen(net.createServer(socket => socket.resume()));
            await waitsFor(uri, /^Printer B did not answer Get-Printer-Attributes within 500 ms: ipp:/);
        });

        it('waits when the printer answers garbage', async () => {
            const uri = await listen(net.createServer(socket => socket.end('this is not HTTP at all\r\n\r\n')));
            await waitsFor(uri, /^Printer B .*(HTTP|IPP)/);
        });

        it('waits when the printer answers with a response too large to read', async () => {
            const uri = await listen(http.createServer((request, response) => {
                request.resume();
                response.writeHead(200, { 'Content-Type': 'application/ipp' });
                const chunk = Buffer.alloc(1024 * 1024, 0x41);
                let sent = 0;
                const write = (): void => {
                    while (sent < 64 && response.write(chunk)) {
                        sent++;
                    }
                    if (sent < 64) {
                        response.once('drain', write);
                    } else {
                        response.end();
                    }
                };
                write();
            }));
            await waitsFor(uri, /^Printer B sent an answer larger than \d+ KiB; refused: ipp:\/\//);
        });
    });

    describe('to a pool', () => {
        let small: ReferencePrinter;
        let large: ReferencePrinter;

        before(async () => {
            [small, large] = await Promise.all([
                ReferencePrinter.start({ attributes: loadedMedia([{ sizeName: 'na_letter_8.5x11in', type: 'stationery', source: 'main' }]) }),
                ReferencePrinter.start()
            ]);
        });

        after(async () => {
            await Promise.all([small?.stop(), large?.stop()]);
        });

        beforeEach(async () => {
            await Promise.all([idle(small), idle(large)]);
        });

        async function pool(...printerIds: string[]): Promise<string> {
            return (await fixture.store.create(PrinterPoolsCollection, { id: 'digital', name: 'Digital presses', printerIds, handOverAfterMinutes: 5 })).id;
        }

        it('sends to the printer with the shortest queue, the earlier one on a tie', async () => {
            const first = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 1', enabled: true, uri: large.uri });
            const second = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 2', enabled: true, uri: large.uri });
            const poolId = await pool(first.id, second.id);

            sentAs(await fixture.activity.execute(await fixture.context({ printerId: poolId }, {}, 'order-a')), 'Press 1');
            await idle(large);

            await fixture.storeAtPrinter(await fixture.context({ printerId: poolId }, {}, 'queued-1'), first.id);
            assert.equal(fixture.targets.queueLength(first.id), 1);
            sentAs(await fixture.activity.execute(await fixture.context({ printerId: poolId }, {}, 'order-b')), 'Press 2');
        });

        it('skips a printer that cannot honour the ticket and a disabled one', async () => {
            const medium = await fixture.services.media.create({ name: 'A4', sizeName: 'iso_a4_210x297mm' });
            const disabled = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 0', enabled: false, uri: large.uri });
            const letter = await fixture.services.printers.create({ kind: 'ipp', name: 'Letter press', enabled: true, uri: small.uri });
            const able = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 2', enabled: true, uri: large.uri });
            await fixture.storeAtPrinter(await fixture.context({ printerId: able.id }, {}, 'queued-1'), able.id);
            const poolId = await pool(disabled.id, letter.id, able.id);

            const outcome = await fixture.activity.execute(await fixture.context({ printerId: poolId, mediumId: medium.id }));
            assert.ok(outcome.kind === 'wait' && outcome.state === 'Printing', JSON.stringify(outcome));
            sentAs(outcome, 'Press 2');
        });

        it('passes over a printer its monitor last saw stopped', async () => {
            const stopped = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 1', enabled: true, uri: large.uri });
            const running = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 2', enabled: true, uri: large.uri });
            await fixture.storeAtPrinter(await fixture.context({ printerId: running.id }, {}, 'queued-1'), running.id);
            await fixture.store.create(PrinterStatesCollection, {
                id: stopped.id, reachable: true, state: 'stopped', reasons: ['media-empty-error'], reasonsInWords: 'out of paper',
                mediaReady: [], supplies: [], queue: [], queueMore: 0, since: new Date().toISOString()
            });
            const poolId = await pool(stopped.id, running.id);

            sentAs(await fixture.activity.execute(await fixture.context({ printerId: poolId })), 'Press 2');
        });

        it('waits with every printer\'s reason when none can take the job', async () => {
            const medium = await fixture.services.media.create({ name: 'A4', sizeName: 'iso_a4_210x297mm' });
            const disabled = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 0', enabled: false, uri: large.uri });
            const letter = await fixture.services.printers.create({ kind: 'ipp', name: 'Letter press', enabled: true, uri: small.uri });
            const poolId = await pool(disabled.id, letter.id);
            const context = await fixture.context({ printerId: poolId, mediumId: medium.id });

            assertWaits(await fixture.activity.execute(context),
                /^No printer of pool Digital presses can take the job now; Printer Press 0 is disabled; Printer Letter press has no iso_a4_210x297mm loaded \(A4\)$/);
            assert.deepEqual(context.printings, []);
        });

        it('asks a printer what it can do once for many jobs at a time', async () => {
            const printer = await fixture.services.printers.create({ kind: 'ipp', name: 'Press 1', enabled: true, uri: large.uri });
            const poolId = await pool(printer.id);
            let asked = 0;
            const describe = fixture.ipp.describe.bind(fixture.ipp);
            fixture.ipp.describe = (...args) => {
                asked++;
                return describe(...args);
            };
            const ticket = { jobName: 'PW-1 Cards', userName: 'Ada', copies: 1, sides: 'one-sided', finishings: [], documentFormat: 'application/pdf' } as const;
            const choices = await Promise.all(Array.from({ length: 20 }, () => fixture.targets.choose(poolId, ticket)));
            assert.ok(choices.every(choice => 'target' in choice && choice.target.printer.id === printer.id));
            assert.equal(asked, 1);
        });
    });

    describe('to printers that do not report their jobs', () => {
        let socketPrinter: LoopbackPrinter | undefined;

        afterEach(async () => {
            await socketPrinter?.close();
            socketPrinter = undefined;
        });

        it('writes the JDF ticket into the hot folder before the PDF, then the job is Printed, handed over', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            const context = await fixture.context({ printerId: printer.id, sides: 'two-sided-long-edge' });
            const pdfName = context.job.files[0].name;
            const jdfName = pdfName.replace(/\.pdf$/i, '.jdf');
            const seen: string[][] = [];
            const watcher = setInterval(() => {
                fs.readdir(folder).then(names => seen.push(names.filter(name => !name.startsWith('.'))), () => undefined);
            }, 1);

            let outcome: ActivityOutcome;
            try {
                outcome = await fixture.activity.execute(context);
            } finally {
                clearInterval(watcher);
            }

            assert.deepEqual(outcome, { kind: 'continue', state: 'Printed', printed: { printerId: printer.id, printerName: 'Indigo', copies: 25 } });
            assert.deepEqual((await fs.readdir(folder)).sort(), [jdfName, pdfName].sort());
            assert.ok(!seen.some(names => names.includes(pdfName) && !names.includes(jdfName)), 'the PDF never showed without its JDF');
            const jdf = await fs.readFile(path.join(folder, jdfName), 'utf8');
            assert.match(jdf, /Amount="25"/);
            assert.match(jdf, /Sides="TwoSidedHeadToHead"/);
            assert.match(jdf, new RegExp(`URL="${encodeURIComponent(pdfName).replace(/[.()]/g, '\\$&')}"`));
            assert.ok((await fs.readFile(path.join(folder, pdfName))).equals(PRINT_FILE));
            assert.equal(context.printings.length, 1, 'the intent, recorded before anything is sent');
            assert.equal(context.printings[0]?.printerId, printer.id);
            assert.equal(context.printings[0]?.deviceJobId, undefined, 'a hot folder has no job id to follow');
            assert.match(logText(context), /Printer Indigo took .* with its JDF ticket .*\.jdf in /);
        });

        it('sends nothing and leaves the step to the engine when the store cannot record the intent (out of reach)', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            const context = await fixture.context({ printerId: printer.id });
            const outOfReach = new StoreOutOfReachError('Presswork cannot reach its database at 127.0.0.1:5432/shop (connect ECONNREFUSED)');

            await assert.rejects(fixture.activity.execute({ ...context, recordPrinting: () => Promise.reject(outOfReach) }), error => error === outOfReach);
            assert.deepEqual(await fs.readdir(folder).catch(() => []), [], 'nothing handed over');
        });

        it('run again after an interrupted send, finds its pair in the hot folder and does not place it twice', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            const first = await fixture.context({ printerId: printer.id });
            await fixture.activity.execute(first);
            const intent = first.printings[0]!;
            // The server died after placing the pair, before the step's outcome was written: the step runs again.
            const again = await fixture.context({ printerId: printer.id }, { printing: intent });

            const outcome = await fixture.activity.execute(again);

            assert.deepEqual(outcome, { kind: 'continue', state: 'Printed', printed: { printerId: printer.id, printerName: 'Indigo', copies: 25 } });
            assert.equal((await fs.readdir(folder)).length, 2, 'still one PDF and its JDF');
            assert.match(logText(again), /Not sent again: Printer Indigo already has it/);
        });

        it('a pair left by an earlier print of the job is not taken for this send: the job is placed again beside it', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            const first = await fixture.context({ printerId: printer.id });
            await fixture.activity.execute(first);
            const later = new Date(Date.now() + 60_000).toISOString();
            const again = await fixture.context({ printerId: printer.id }, { printing: { ...first.printings[0]!, requestedAt: later } });

            const outcome = await fixture.activity.execute(again);

            assert.equal(outcome.kind, 'continue', JSON.stringify(outcome));
            assert.equal((await fs.readdir(folder)).length, 4, 'a second pair, numbered');
        });

        it('creates a hot folder that is not there yet, as the demo printer\'s on a first start', async () => {
            const folder = fixture.temp.join('hot-folders', 'demo');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            await fs.rm(folder, { recursive: true, force: true });
            const context = await fixture.context({ printerId: printer.id });

            const outcome = await fixture.activity.execute(context);

            assert.equal(outcome.kind, 'continue', JSON.stringify(outcome));
            assert.equal((await fs.readdir(folder)).length, 2, 'the PDF and its JDF');
        });

        it('keeps both when the hot folder holds a job of that name: the second pair is numbered', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            await fixture.activity.execute(await fixture.context({ printerId: printer.id }));
            const context = await fixture.context({ printerId: printer.id }, { copies: 7 });
            await fixture.activity.execute(context);
            const names = (await fs.readdir(folder)).sort();
            assert.equal(names.length, 4, names.join(', '));
            const second = names.find(name => name.endsWith(' (2).jdf'));
            assert.ok(second, names.join(', '));
            assert.match(await fs.readFile(path.join(folder, second), 'utf8'), /Amount="7"/);
        });

        it('wraps the PDF in the PJL ticket for a raw-socket printer', async () => {
            socketPrinter = await LoopbackPrinter.start();
            const printer = await fixture.services.printers.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: '127.0.0.1', port: socketPrinter.port });
            const received = socketPrinter.nextJob();
            const context = await fixture.context({ printerId: printer.id, sides: 'two-sided-short-edge' });

            const outcome = await fixture.activity.execute(context);

            assert.deepEqual(outcome, { kind: 'continue', state: 'Printed', printed: { printerId: printer.id, printerName: 'Versant', copies: 25 } });
            const job = (await received).toString('latin1');
            const pdfAt = job.indexOf('%PDF-1.4');
            const prologue = job.slice(0, pdfAt);
            assert.ok(prologue.startsWith('\x1b%-12345X@PJL\r\n'), JSON.stringify(prologue.slice(0, 20)));
            assert.match(prologue, /@PJL SET COPIES=25\r\n/);
            assert.match(prologue, /@PJL SET DUPLEX=ON\r\n@PJL SET BINDING=SHORTEDGE\r\n/);
            assert.ok(prologue.endsWith('@PJL ENTER LANGUAGE=PDF\r\n'));
            assert.equal(job.slice(pdfAt, pdfAt + PRINT_FILE.length), PRINT_FILE.toString('latin1'));
            assert.equal(job.slice(pdfAt + PRINT_FILE.length), '\x1b%-12345X@PJL EOJ NAME="PW-order-1 Business cards for PW-order-1"\r\n\x1b%-12345X');
            assert.deepEqual(context.states, ['Printing']);
        });

        it('waits with the reason when the raw-socket printer refuses the connection', async () => {
            const printer = await fixture.services.printers.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: '127.0.0.1', port: await closedPort() });
            assertWaits(await fixture.activity.execute(await fixture.context({ printerId: printer.id })), /^Printer Versant refused the connection: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
        });

        it('waits when a hot folder cannot take the file', async () => {
            const folder = fixture.temp.join('dfe');
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
            await fs.rm(folder, { recursive: true });
            await fs.writeFile(folder, 'a file where the folder was');
            assertWaits(await fixture.activity.execute(await fixture.context({ printerId: printer.id })), /^Printer Indigo could not take the file: /);
        });
    });

    describe('fails when only an operator can help', () => {
        it('when the printer does not exist', async () => {
            assert.deepEqual(await fixture.activity.execute(await fixture.context({ printerId: 'no-such-printer' })), { kind: 'fail', message: 'Printer no-such-printer does not exist' });
        });

        it('when the job names a medium the catalog does not have', async () => {
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder: fixture.temp.join('dfe') });
            const outcome = await fixture.activity.execute(await fixture.context({ printerId: printer.id }, { properties: { media: 'Gold leaf' } }));
            assert.deepEqual(outcome, { kind: 'fail', message: 'The job\'s ticket cannot be made: The job\'s media "Gold leaf" is not in the media catalog' });
            assert.deepEqual(await fs.readdir(fixture.temp.join('dfe')), []);
        });

        it('when the job has no print file, or its file is not there', async () => {
            const printer = await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder: fixture.temp.join('dfe') });
            assert.deepEqual(await fixture.activity.execute(await fixture.context({ printerId: printer.id }, { files: [] })), { kind: 'fail', message: 'The job has no print file' });
            const missing: RecordingContext<PrintProperties> = await fixture.context({ printerId: printer.id });
            await fs.rm(path.join(missing.jobFolder, missing.job.files[0].name));
            assert.deepEqual(await fixture.activity.execute(missing), { kind: 'fail', message: `The print file ${missing.job.files[0].name} is not in the job's folder` });
            assert.deepEqual(await fs.readdir(fixture.temp.join('dfe')), []);
        });
    });
});

describe('recoveredJob', () => {
    const requestedAt = '2026-05-01T10:00:00.000Z';
    const name = 'PW-1 Cards';

    it('takes the newest job of the name made since the intent, finished or not', () => {
        assert.equal(recoveredJob([
            { id: 3, name, state: 'completed', reasons: [], createdAt: '2026-05-01T09:00:00.000Z' },
            { id: 7, name, state: 'completed', reasons: [], createdAt: '2026-05-01T10:00:01.000Z' },
            { id: 9, name: 'PW-1 Other', state: 'pending', reasons: [], createdAt: '2026-05-01T10:00:02.000Z' }
        ], name, requestedAt)?.id, 7);
    });

    it('allows the printer\'s clock a minute behind ours', () => {
        assert.equal(recoveredJob([{ id: 4, name, state: 'processing', reasons: [], createdAt: '2026-05-01T09:59:30.000Z' }], name, requestedAt)?.id, 4);
        assert.equal(recoveredJob([{ id: 4, name, state: 'processing', reasons: [], createdAt: '2026-05-01T09:58:30.000Z' }], name, requestedAt), undefined);
    });

    it('without creation times, takes only an unfinished job: a finished one may be an earlier print', () => {
        assert.equal(recoveredJob([{ id: 5, name, state: 'completed', reasons: [] }], name, requestedAt), undefined);
        assert.equal(recoveredJob([{ id: 5, name, state: 'completed', reasons: [] }, { id: 6, name, state: 'pending', reasons: [] }], name, requestedAt)?.id, 6);
    });
});
