import assert from 'node:assert/strict';
import { buildXml, textWithAttributes } from './xml-writer';
import { parseXmlDocument } from './xml-tree';

describe('buildXml', () => {
    it('escapes text and attributes so they read back unchanged', () => {
        const hostile = `a<b>&c "d" 'e' ]]> <!DOCTYPE x>`;
        const xml = buildXml({ R: { V: hostile, M: textWithAttributes('1', { Currency: hostile }) } });
        assert.ok(!xml.includes('<b>'));
        const root = parseXmlDocument(xml);
        assert.equal(root.children[0].text, hostile);
        assert.equal(root.children[1].attributes.Currency, hostile);
    });

    it('replaces characters XML cannot carry, keeps the rest of Unicode', () => {
        const xml = buildXml({ R: 'bell\u0007 nul\u0000 tab\t emoji 😀 é' });
        assert.equal(parseXmlDocument(xml).text, 'bell\uFFFD nul\uFFFD tab\t emoji 😀 é');
    });

    it('writes empty elements short and drops undefined ones', () => {
        assert.equal(buildXml({ R: { Orders: '', Missing: undefined } }), '<R><Orders/></R>');
    });
});
