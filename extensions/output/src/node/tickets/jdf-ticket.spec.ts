import * as assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import { jdfFileNameFor, jdfTicketOf } from './jdf-ticket';
import { coverA4, sampleTicket } from './test/sample-tickets';

type Node = Record<string, unknown>;

/** Parses the JDF as a DFE would: attributes kept, entities decoded, values as text. */
function parsed(xml: string): { jdf: Node; resources: Node; links: Node } {
    assert.equal(XMLValidator.validate(xml), true, 'the JDF must be well-formed XML');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, processEntities: true });
    const jdf = parser.parse(xml).JDF as Node;
    return { jdf, resources: jdf.ResourcePool as Node, links: jdf.ResourceLinkPool as Node };
}

function jdfOf(ticket: JobTicket, pdfFileName = 'MC-1001 Business cards.pdf'): ReturnType<typeof parsed> {
    return parsed(jdfTicketOf({ ticket, pdfFileName, jobId: 'job-7', orderNumber: 'MC-1001' }));
}

function linkTo(links: Node, name: string): Node {
    return links[`${name}Link`] as Node;
}

describe('JDF ticket', () => {

    it('is a JDF 1.x Combined digital printing node named after the job', () => {
        const { jdf } = jdfOf(sampleTicket());
        assert.equal(jdf.xmlns, 'http://www.CIP4.org/JDFSchema_1_1');
        assert.equal(jdf.Type, 'Combined');
        assert.equal(jdf.Types, 'LayoutPreparation Interpreting Rendering DigitalPrinting');
        assert.match(String(jdf.Version), /^1\.\d$/);
        assert.equal(jdf.DescriptiveName, 'MC-1001 Business cards');
        assert.equal(jdf.JobID, 'job-7');
    });

    it('points at the PDF beside it by a relative URL', () => {
        const { resources, links } = jdfOf(sampleTicket());
        const fileSpec = ((resources.RunList as Node).LayoutElement as Node).FileSpec as Node;
        assert.equal(fileSpec.URL, 'MC-1001%20Business%20cards.pdf');
        assert.equal(fileSpec.MimeType, 'application/pdf');
        assert.equal(linkTo(links, 'RunList').Usage, 'Input');
    });

    it('asks for the copies as the amount of the output component', () => {
        const { resources, links } = jdfOf(sampleTicket({ copies: 250 }));
        const component = resources.Component as Node;
        const link = linkTo(links, 'Component');
        assert.equal(component.ComponentType, 'FinalProduct');
        assert.equal(link.rRef, component.ID);
        assert.equal(link.Usage, 'Output');
        assert.equal(link.Amount, '250');
    });

    for (const [sides, jdfSides] of [['one-sided', 'OneSidedFront'], ['two-sided-long-edge', 'TwoSidedHeadToHead'], ['two-sided-short-edge', 'TwoSidedHeadToFoot']] as const) {
        it(`says ${sides} as Sides ${jdfSides}`, () => {
            const { resources } = jdfOf(sampleTicket({ sides }));
            assert.equal((resources.LayoutPreparationParams as Node).Sides, jdfSides);
        });
    }

    it('describes the medium: dimension in points, type, weight and colour', () => {
        const { resources, links } = jdfOf(sampleTicket({ media: { ...coverA4, color: 'light-blue', key: 'Cover 300g' } }));
        const media = resources.Media as Node;
        assert.equal(media.Dimension, '595.28 841.89');
        assert.equal(media.MediaType, 'Paper');
        assert.equal(media.UserMediaType, 'cardstock');
        assert.equal(media.Weight, '300');
        assert.equal(media.MediaColorName, 'LightBlue');
        assert.equal(media.DescriptiveName, 'Cover 300');
        assert.equal(media.ProductID, 'Cover 300g');
        assert.equal(media.Class, 'Consumable');
        assert.equal(linkTo(links, 'Media').rRef, media.ID);
    });

    it('gives letter in points from its inches, and labels as self-adhesive', () => {
        const { resources } = jdfOf(sampleTicket({ media: { sizeName: 'na_letter_8.5x11in', type: 'labels' } }));
        assert.equal((resources.Media as Node).Dimension, '612 792');
        assert.equal((resources.Media as Node).MediaType, 'SelfAdhesive');
    });

    it('leaves the medium to the DFE when the ticket names none', () => {
        assert.equal(jdfOf(sampleTicket()).resources.Media, undefined);
    });

    it('states the process colour model for colour and black and white only', () => {
        assert.equal((jdfOf(sampleTicket({ colorMode: 'color' })).resources.ColorantControl as Node).ProcessColorModel, 'DeviceCMYK');
        assert.equal((jdfOf(sampleTicket({ colorMode: 'monochrome' })).resources.ColorantControl as Node).ProcessColorModel, 'DeviceGray');
        assert.equal(jdfOf(sampleTicket({ colorMode: 'auto' })).resources.ColorantControl, undefined);
    });

    it('adds a process and its parameters for each finishing', () => {
        const { jdf, resources, links } = jdfOf(sampleTicket({ finishings: ['staple', 'punch', 'fold'] }));
        assert.equal(jdf.Types, 'LayoutPreparation Interpreting Rendering DigitalPrinting Stitching HoleMaking Folding');
        assert.equal((resources.StitchingParams as Node).StitchType, 'Corner');
        assert.equal((resources.HoleMakingParams as Node).HoleType, 'R2-generic');
        assert.equal((resources.FoldingParams as Node).FoldCatalog, 'F4-1');
        assert.equal(linkTo(links, 'StitchingParams').rRef, (resources.StitchingParams as Node).ID);
    });

    it('names one process once when two finishings share it', () => {
        const { jdf, resources } = jdfOf(sampleTicket({ finishings: ['staple', 'saddle-stitch'] }));
        assert.equal(jdf.Types, 'LayoutPreparation Interpreting Rendering DigitalPrinting Stitching');
        assert.equal((resources.StitchingParams as Node[]).length, 2);
    });

    it('names the customer and the order', () => {
        const info = jdfOf(sampleTicket({ userName: 'Anna Berg' })).resources.CustomerInfo as Node;
        assert.equal(info.CustomerJobName, 'MC-1001 Business cards');
        assert.equal(info.CustomerOrderID, 'MC-1001');
        assert.equal(((info.Contact as Node).Person as Node).DescriptiveName, 'Anna Berg');
    });

    it('gives every link a resource of its ID', () => {
        const { resources, links } = jdfOf(sampleTicket({ media: coverA4, colorMode: 'color', finishings: ['staple', 'punch'] }));
        const ids = new Set(Object.values(resources).flatMap(value => (Array.isArray(value) ? value : [value]) as Node[]).map(resource => resource.ID));
        for (const link of Object.values(links).flatMap(value => (Array.isArray(value) ? value : [value]) as Node[])) {
            assert.ok(ids.has(link.rRef), `link to ${String(link.rRef)} has no resource`);
        }
    });

    describe('hostile text', () => {
        const hostile = 'MC-1 "quoted" <JDF> & \'apos\' </ResourcePool><Evil/>\u0000\u0007\u001B\u202E\uFFFF\uD800 end';

        it('escapes quotes, angle brackets and ampersands, and drops characters XML cannot hold', () => {
            const xml = jdfTicketOf({ ticket: sampleTicket({ jobName: hostile, userName: hostile }), pdfFileName: 'a&b "c" <d>.pdf', orderNumber: hostile });
            assert.ok(!xml.includes('<Evil/>'), 'no element may be injected');
            assert.ok(![...xml].some(character => (character < ' ' && !'\t\n\r'.includes(character)) || character === '\u202E' || character === '\uFFFF'),
                'no control characters in the file');
            const { jdf, resources } = parsed(xml);
            const expected = 'MC-1 "quoted" <JDF> & \'apos\' </ResourcePool><Evil/> end';
            assert.equal(jdf.DescriptiveName, expected);
            assert.equal((resources.CustomerInfo as Node).CustomerOrderID, expected);
            assert.equal((((resources.CustomerInfo as Node).Contact as Node).Person as Node).DescriptiveName, expected);
            assert.equal(((((resources.RunList as Node).LayoutElement as Node).FileSpec) as Node).URL, 'a%26b%20%22c%22%20%3Cd%3E.pdf');
            assert.equal(Object.keys(resources).includes('Evil'), false);
        });

        it('keeps non-ASCII names as they are', () => {
            assert.equal(jdfOf(sampleTicket({ jobName: 'MC-2 Visitenkarten Müller 名刺' })).jdf.DescriptiveName, 'MC-2 Visitenkarten Müller 名刺');
        });

        it('refuses a PDF name that is a path', () => {
            for (const name of ['../x.pdf', '/tmp/x.pdf', 'sub/x.pdf', '', '..']) {
                assert.throws(() => jdfTicketOf({ ticket: sampleTicket(), pdfFileName: name }), /must name the PDF beside it/);
            }
        });
    });

    it('names the JDF after the PDF', () => {
        assert.equal(jdfFileNameFor('MC-1001 cards.pdf'), 'MC-1001 cards.jdf');
        assert.equal(jdfFileNameFor('MC-1001 cards (2).PDF'), 'MC-1001 cards (2).jdf');
        assert.equal(jdfFileNameFor('noextension'), 'noextension.jdf');
    });
});
