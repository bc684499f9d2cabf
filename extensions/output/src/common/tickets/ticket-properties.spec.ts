import * as assert from 'node:assert/strict';
import type { JobProperties } from '@presswork/platform/lib/common/job-schema';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import type { Medium } from './media-catalog';
import {
    TicketDefaults, TicketDefaultsSchema, TicketSources, UNKNOWN_USER_NAME, buildTicket, parseColorMode, parseFinishings, parseSides
} from './ticket-properties';

const cover: Medium = { id: 'cover-300', version: 1, name: 'Cover 300', sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300 };
const letter: Medium = { id: 'letter-plain', version: 1, name: 'Letter plain', sizeName: 'na_letter_8.5x11in', type: 'stationery' };

function sources(properties: JobProperties = {}, stepDefaults: TicketDefaults = {}, extra: Partial<TicketSources> = {}): TicketSources {
    return {
        job: { name: 'Business cards', orderNumber: 'MC-1001', copies: 250, properties },
        order: { customer: { firstName: 'Anna', lastName: 'Berg', loginId: 'aberg', email: 'anna@example.com' } },
        stepDefaults,
        catalog: [cover, letter],
        ...extra
    };
}

function ticketOf(input: TicketSources): JobTicket {
    const result = buildTicket(input);
    assert.ok('ticket' in result, `expected a ticket, got ${JSON.stringify(result)}`);
    return result.ticket;
}

function problemOf(input: TicketSources): string {
    const result = buildTicket(input);
    assert.ok('problem' in result, `expected a problem, got ${JSON.stringify(result)}`);
    return result.problem;
}

describe('ticket properties', () => {

    describe('sides', () => {
        const cases: [string | number, string][] = [
            ['one-sided', 'one-sided'], ['Simplex', 'one-sided'], ['SINGLE SIDED', 'one-sided'], [1, 'one-sided'], ['1', 'one-sided'],
            ['two-sided-long-edge', 'two-sided-long-edge'], ['duplex', 'two-sided-long-edge'], ['Duplex', 'two-sided-long-edge'], [2, 'two-sided-long-edge'],
            ['double sided', 'two-sided-long-edge'], ['Long_Edge', 'two-sided-long-edge'],
            ['two-sided-short-edge', 'two-sided-short-edge'], ['short edge', 'two-sided-short-edge'], ['Tumble', 'two-sided-short-edge']
        ];
        for (const [input, expected] of cases) {
            it(`reads ${JSON.stringify(input)} as ${expected}`, () => assert.deepEqual(parseSides(input), { value: expected }));
        }

        it('refuses what it cannot read, listing the values', () => {
            for (const input of ['three-sided', 3, true, '']) {
                const parsed = parseSides(input);
                assert.ok('problem' in parsed);
                assert.match(parsed.problem, /is not one of one-sided, two-sided-long-edge, two-sided-short-edge/);
            }
        });
    });

    describe('colour mode', () => {
        for (const [input, expected] of [['color', 'color'], ['Colour', 'color'], ['B&W', 'monochrome'], ['black and white', 'monochrome'],
            ['Grayscale', 'monochrome'], ['monochrome', 'monochrome'], ['auto', 'auto']]) {
            it(`reads ${JSON.stringify(input)} as ${expected}`, () => assert.deepEqual(parseColorMode(input), { value: expected }));
        }

        it('refuses an unknown mode', () => {
            assert.deepEqual(parseColorMode('sepia'), { problem: 'colorMode "sepia" is not one of auto, color, monochrome' });
        });
    });

    describe('finishings', () => {
        it('reads names separated by commas, in any case, once each', () => {
            assert.deepEqual(parseFinishings('Staple, punch,staple , Saddle Stitch'), { value: ['staple', 'punch', 'saddle-stitch'] });
        });

        it('reads none and nothing as no finishing', () => {
            assert.deepEqual(parseFinishings('none'), { value: [] });
            assert.deepEqual(parseFinishings(' , '), { value: [] });
        });

        it('names the finishing it does not know', () => {
            const parsed = parseFinishings('staple, glue');
            assert.ok('problem' in parsed);
            assert.match(parsed.problem, /^finishing "glue" is not one of staple, punch/);
        });
    });

    describe('buildTicket', () => {
        it('carries copies, job name, customer and a plain one-sided PDF when nothing is asked', () => {
            assert.deepEqual(ticketOf(sources()), {
                jobName: 'MC-1001 Business cards',
                userName: 'Anna Berg',
                copies: 250,
                sides: 'one-sided',
                finishings: [],
                documentFormat: 'application/pdf'
            });
        });

        it('takes the Print step\'s defaults', () => {
            const ticket = ticketOf(sources({}, { sides: 'two-sided-short-edge', media: 'cover-300', colorMode: 'monochrome', finishings: ['staple'] }));
            assert.equal(ticket.sides, 'two-sided-short-edge');
            assert.equal(ticket.colorMode, 'monochrome');
            assert.deepEqual(ticket.finishings, ['staple']);
            assert.deepEqual(ticket.media, {
                label: 'Cover 300', sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'cardstock', weightGsm: 300
            });
        });

        it('lets the job\'s properties override the step\'s defaults', () => {
            const ticket = ticketOf(sources(
                { sides: 'Duplex', media: 'letter plain', colorMode: 'colour', finishings: 'punch' },
                { sides: 'one-sided', media: 'cover-300', colorMode: 'monochrome', finishings: ['staple'] }
            ));
            assert.equal(ticket.sides, 'two-sided-long-edge');
            assert.equal(ticket.media?.sizeName, 'na_letter_8.5x11in');
            assert.equal(ticket.colorMode, 'color');
            assert.deepEqual(ticket.finishings, ['punch']);
        });

        it('treats an empty job property as unset, and finishings "none" as no finishing', () => {
            const ticket = ticketOf(sources({ sides: ' ', media: '', finishings: 'none' }, { sides: 'two-sided-long-edge', media: 'cover-300', finishings: ['fold'] }));
            assert.equal(ticket.sides, 'two-sided-long-edge');
            assert.equal(ticket.media?.label, 'Cover 300');
            assert.deepEqual(ticket.finishings, []);
        });

        it('names a medium that is not in the catalog, and whose it is', () => {
            assert.equal(problemOf(sources({ media: 'Gloss 170' })), 'The job\'s media "Gloss 170" is not in the media catalog');
            assert.equal(problemOf(sources({}, { media: 'removed-medium' })), 'The Print step\'s media "removed-medium" is not in the media catalog');
        });

        it('refuses to pick between two media of one name', () => {
            assert.match(problemOf(sources({ media: 'Cover 300' }, {}, { catalog: [cover, { ...cover, id: 'cover-300-b' }] })), /names more than one medium/);
        });

        it('refuses an unknown sides, colour mode or finishing value in words', () => {
            assert.match(problemOf(sources({ sides: 'both' })), /^The job's sides "both" is not one of one-sided/);
            assert.match(problemOf(sources({ colorMode: 'sepia' })), /^The job's colorMode "sepia" is not one of auto, color, monochrome/);
            assert.match(problemOf(sources({ finishings: 'glue' })), /^The job's finishing "glue" is not one of/);
        });

        it('names the job "<order number> <job name>", without controls and within 255 bytes', () => {
            const long = ticketOf(sources({}, {}, { job: { name: 'Flyer\r\n\u202Efdp.exe ' + 'é'.repeat(300), orderNumber: 'MC-7', copies: 1, properties: {} } }));
            assert.ok(long.jobName.startsWith('MC-7 Flyer fdp.exe éé'));
            assert.ok(Buffer.byteLength(long.jobName) <= 255);
            assert.ok(![...long.jobName].some(character => character < ' ' || character === '\u202E'));
        });

        it('names the user given, else the customer by name, login or e-mail', () => {
            assert.equal(ticketOf(sources({}, {}, { userName: 'operator1' })).userName, 'operator1');
            assert.equal(ticketOf(sources({}, {}, { order: { customer: { loginId: 'aberg' } } })).userName, 'aberg');
            assert.equal(ticketOf(sources({}, {}, { order: { customer: { email: 'anna@example.com' } } })).userName, 'anna@example.com');
            assert.equal(ticketOf(sources({}, {}, { order: { customer: { firstName: '\u200B' } } })).userName, UNKNOWN_USER_NAME);
            assert.ok(Buffer.byteLength(ticketOf(sources({}, {}, { userName: '名'.repeat(200) })).userName) <= 255);
        });

        it('copies the job\'s copies as they are', () => {
            assert.equal(ticketOf(sources({}, {}, { job: { name: 'x', orderNumber: '1', copies: 1_000_000, properties: {} } })).copies, 1_000_000);
        });
    });

    describe('step defaults', () => {
        it('accepts the designer\'s canonical values only', () => {
            assert.ok(TicketDefaultsSchema.safeParse({ sides: 'two-sided-long-edge', media: 'cover-300', colorMode: 'auto', finishings: ['staple', 'punch'] }).success);
            assert.equal(TicketDefaultsSchema.safeParse({ sides: 'duplex' }).success, false);
            assert.equal(TicketDefaultsSchema.safeParse({ finishings: ['glue'] }).success, false);
        });
    });
});
