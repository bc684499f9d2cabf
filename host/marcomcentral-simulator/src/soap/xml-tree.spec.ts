import assert from 'node:assert/strict';
import { XmlSafetyError, XmlSyntaxError, child, children, parseXmlDocument, textAt } from './xml-tree';

describe('parseXmlDocument', () => {
    it('reads elements by local name whatever the prefix', () => {
        const root = parseXmlDocument('<a:Envelope xmlns:a="urn:x"><a:Body><b:Op xmlns:b="urn:y"><Id t="1">7</Id></b:Op></a:Body></a:Envelope>');
        assert.equal(root.name, 'Envelope');
        assert.equal(root.namespaces.a, 'urn:x');
        assert.equal(textAt(root, 'Body', 'Op', 'Id'), '7');
        assert.equal(child(child(root, 'Body'), 'Op')?.children[0].attributes.t, '1');
    });

    it('decodes the predefined entities, character references and CDATA', () => {
        const root = parseXmlDocument('<r a="x &amp; &quot;y&quot;">&lt;b&gt; &#233;&#x41; <![CDATA[&amp; <raw>]]></r>');
        assert.equal(root.attributes.a, 'x & "y"');
        assert.equal(root.text, '<b> éA &amp; <raw>');
    });

    it('returns one-or-many children alike', () => {
        const one = parseXmlDocument('<L><I>1</I></L>');
        const many = parseXmlDocument('<L><I>1</I><I>2</I></L>');
        assert.deepEqual(children(one, 'I').map(element => element.text), ['1']);
        assert.deepEqual(children(many, 'I').map(element => element.text), ['1', '2']);
    });

    it('refuses a DOCTYPE, entity declarations and undefined entities without expanding anything', () => {
        const laughs = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>';
        assert.throws(() => parseXmlDocument(laughs), XmlSafetyError);
        assert.throws(() => parseXmlDocument('<!doctype r SYSTEM "file:///etc/passwd"><r/>'), XmlSafetyError);
        assert.throws(() => parseXmlDocument('<r>&xxe;</r>'), XmlSafetyError);
    });

    it('refuses malformed documents', () => {
        assert.throws(() => parseXmlDocument('<a><b></a>'), XmlSyntaxError);
        assert.throws(() => parseXmlDocument('<a/><b/>'), XmlSyntaxError);
        assert.throws(() => parseXmlDocument('<a>&#0;</a>'), XmlSyntaxError);
        assert.throws(() => parseXmlDocument('<__proto__><x/></__proto__>'), XmlSyntaxError);
    });
});
