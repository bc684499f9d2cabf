import * as assert from 'node:assert/strict';
import { SOAP_CONTENT_TYPE, buildSoapRequest, parseSoapResponse, partnerCredentials, serviceNamespace, soapAction } from './soap-envelope';
import { XmlDocumentError, XmlElement, parseXmlDocument } from './xml-document';
import { childElement, childElements, elementAt, textAt, toPlainObject } from './xml-query';
import { escapeXml } from './xml-text';
import { parentElement, renderXml, textElement } from './xml-writer';
import { BILLION_LAUGHS, EXTERNAL_ENTITY, envelope, faultEnvelope } from './test/canned-responses';

describe('soap-envelope', () => {

    describe('buildSoapRequest', () => {
        const request = buildSoapRequest('Order', 'GetOrdersByDate', parentElement('OrderRequestByDate', [
            partnerCredentials('tok<&>"\'en'),
            parentElement('DateRange', [textElement('Start', 'a<b'), textElement('End', 'c&d')])
        ]));

        it('posts SOAP 1.1 with the content type and the quoted SOAPAction "<namespace>/<Operation>"', () => {
            assert.equal(request.method, 'POST');
            assert.equal(request.headers['Content-Type'], SOAP_CONTENT_TYPE);
            assert.equal(request.headers['Content-Type'], 'text/xml; charset=utf-8');
            assert.equal(request.headers['SOAPAction'], '"http://www.printable.com/WebService/Order/GetOrdersByDate"');
            assert.equal(soapAction('PackingSlip', 'CreatePackingSlipByOrder'), '"http://www.printable.com/WebService/PackingSlip/CreatePackingSlipByOrder"');
            assert.equal(serviceNamespace('Settlement'), 'http://www.printable.com/WebService/Settlement');
        });

        it('writes an envelope with an empty Header, the operation in the service namespace and unqualified children', () => {
            assert.match(request.body, /^<\?xml version="1\.0" encoding="utf-8"\?><soap:Envelope xmlns:soap="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"><soap:Header\/><soap:Body>/);
            assert.match(request.body, /<tns:GetOrdersByDate xmlns:tns="http:\/\/www\.printable\.com\/WebService\/Order"><OrderRequestByDate><PartnerCredentials><Token>/);
            // No default namespace anywhere: the request object and its children stay unqualified.
            assert.doesNotMatch(request.body, /xmlns="/);
        });

        it('puts the token inside the request element and escapes every value', () => {
            assert.ok(request.body.includes('<Token>tok&lt;&amp;&gt;&quot;&apos;en</Token>'));
            assert.ok(request.body.includes('<Start>a&lt;b</Start><End>c&amp;d</End>'));
            const parsed = parseSoapResponse(request.body);
            assert.equal(parsed.kind, 'result');
            const element = parsed.kind === 'result' ? parsed.element : undefined;
            assert.equal(element?.name, 'GetOrdersByDate');
            assert.equal(textAt(element, 'OrderRequestByDate', 'PartnerCredentials', 'Token'), 'tok<&>"\'en');
            assert.equal(textAt(element, 'OrderRequestByDate', 'DateRange', 'End'), 'c&d');
        });

        it('omits elements without a value and writes booleans and attributes', () => {
            const xml = renderXml(parentElement('pRequest', [textElement('A', undefined), textElement('B', false), textElement('ID', '7', { type: 'Printable' })]));
            assert.equal(xml, '<pRequest><B>false</B><ID type="Printable">7</ID></pRequest>');
        });

        it('refuses characters XML cannot carry instead of sending them', () => {
            assert.throws(() => escapeXml('bad\u0000value'), /U\+0000/);
            assert.equal(escapeXml('line1\nline2\ttab'), 'line1&#10;line2&#9;tab');
        });
    });

    describe('parseSoapResponse', () => {
        const body = '<GetOrdersByDateResponse xmlns="http://www.printable.com/WebService/Order"><Value>42</Value></GetOrdersByDateResponse>';

        for (const style of ['soap', 's', 'none'] as const) {
            it(`reads the Body's first element by local name with the ${style === 'none' ? 'default namespace' : `${style}: prefix`}`, () => {
                const parsed = parseSoapResponse(envelope(body, style));
                assert.equal(parsed.kind, 'result');
                assert.equal(parsed.kind === 'result' && parsed.element.name, 'GetOrdersByDateResponse');
                assert.equal(parsed.kind === 'result' && textAt(parsed.element, 'Value'), '42');
            });
        }

        it('reads prefixed children by local name', () => {
            const parsed = parseSoapResponse(envelope('<o:R xmlns:o="urn:x"><o:Count>3</o:Count><Count2 o:type="T">4</Count2></o:R>'));
            assert.ok(parsed.kind === 'result');
            assert.equal(textAt(parsed.element, 'Count'), '3');
            assert.equal(childElement(parsed.element, 'Count2')?.attributes.get('type'), 'T');
        });

        it('detects a SOAP 1.1 fault with faultcode and faultstring', () => {
            assert.deepEqual(parseSoapResponse(faultEnvelope('Invalid partner credentials')), {
                kind: 'fault', fault: { faultCode: 'soap:Server', faultString: 'Invalid partner credentials' }
            });
            assert.deepEqual(parseSoapResponse(faultEnvelope('Request limit exceeded', 'none')), {
                kind: 'fault', fault: { faultCode: 'soap:Server', faultString: 'Request limit exceeded' }
            });
        });

        it('refuses a document that is not an envelope, or an envelope without a Body or with an empty Body', () => {
            assert.throws(() => parseSoapResponse('<html><body>Error</body></html>'), /root is <html>/);
            assert.throws(() => parseSoapResponse('<Envelope><Header/></Envelope>'), /no Body/);
            assert.throws(() => parseSoapResponse('<Envelope><Body>  </Body></Envelope>'), /Body is empty/);
        });
    });

    describe('parseXmlDocument', () => {
        it('refuses the billion-laughs document at its DOCTYPE, without expanding anything', () => {
            const started = Date.now();
            assert.throws(() => parseXmlDocument(BILLION_LAUGHS), (error: unknown) => {
                assert.ok(error instanceof XmlDocumentError);
                assert.match(error.message, /DOCTYPE/);
                assert.doesNotMatch(error.message, /lollol/);
                return true;
            });
            assert.ok(Date.now() - started < 500);
        });

        it('refuses an external entity declaration and never reads the file', () => {
            assert.throws(() => parseXmlDocument(EXTERNAL_ENTITY), (error: unknown) => {
                assert.ok(error instanceof XmlDocumentError);
                assert.match(error.message, /DOCTYPE/);
                assert.doesNotMatch(error.message, /root:/);
                return true;
            });
        });

        it('refuses a DOCTYPE or ENTITY declaration wherever it is, and any entity other than the five predefined ones', () => {
            assert.throws(() => parseXmlDocument('<a><!DOCTYPE a></a>'), /DOCTYPE/);
            assert.throws(() => parseXmlDocument('<a><!ENTITY x "y"></a>'), /ENTITY/);
            assert.throws(() => parseXmlDocument('<a>&xxe;</a>'), /&xxe;/);
            assert.throws(() => parseXmlDocument('<a b="&nbsp;"/>'), /&nbsp;/);
        });

        it('decodes the predefined entities and character references, and leaves CDATA and comments alone', () => {
            const root = parseXmlDocument('<a t="&quot;q&quot;">&lt;&gt;&amp;&apos;&quot; &#65;&#x42; <![CDATA[<!DOCTYPE html> &amp;]]><!-- <!DOCTYPE x> --></a>');
            assert.equal(root.text, `<>&'" AB <!DOCTYPE html> &amp;`);
            assert.equal(root.attributes.get('t'), '"q"');
        });

        it('refuses malformed and truncated XML', () => {
            assert.throws(() => parseXmlDocument('<a><b>x</c></a>'), XmlDocumentError);
            assert.throws(() => parseXmlDocument('<a><b>x</b>'), XmlDocumentError);
            assert.throws(() => parseXmlDocument('<a>x</a><b/>'), XmlDocumentError);
            assert.throws(() => parseXmlDocument('not xml at all'), XmlDocumentError);
            assert.throws(() => parseXmlDocument(''), XmlDocumentError);
            assert.throws(() => parseXmlDocument('<a><!-- unterminated'), XmlDocumentError);
        });

        it('hands a sieve the elements it takes as they close, with their ancestors, and leaves them out of the tree', () => {
            const seen: string[] = [];
            const root = parseXmlDocument('<a:List xmlns:a="urn:x"><a:Item><ID>1</ID></a:Item><Other/><a:Item><ID>2</ID></a:Item></a:List>', {
                take: (element, ancestors) => {
                    if (element.name !== 'Item') {
                        return false;
                    }
                    seen.push(`${ancestors.join('/')}:${textAt(element, 'ID')}`);
                    return true;
                }
            });
            assert.deepEqual(seen, ['List:1', 'List:2']);
            assert.deepEqual(root.children.map(child => child.name), ['Other']);
        });

        it('still refuses a document found malformed after a sieve took elements, and passes a sieve\'s own error through as it is', () => {
            const taken: string[] = [];
            const takeB = { take: (element: XmlElement) => element.name === 'b' && taken.push(element.text) > 0 };
            assert.throws(() => parseXmlDocument('<a><b>1</b><b>2</b><c></a>', takeB), XmlDocumentError);
            assert.deepEqual(taken, ['1', '2']);
            const failure = new RangeError('the sieve gave up');
            assert.throws(() => parseXmlDocument('<a><b>1</b></a>', { take: () => { throw failure; } }), (error: unknown) => error === failure);
        });

        it('refuses absurd nesting', () => {
            assert.throws(() => parseXmlDocument('<a>'.repeat(500) + '</a>'.repeat(500)), XmlDocumentError);
        });

        it('reads one or many repeated children as an array, and empty elements as no value', () => {
            const one = parseXmlDocument('<Orders><Order><ID>1</ID></Order></Orders>');
            const many = parseXmlDocument('<Orders>\n  <Order><ID>1</ID></Order>\n  <Extra/>\n  <Order><ID>2</ID></Order>\n</Orders>');
            assert.deepEqual(childElements(one, 'Order').map(order => textAt(order, 'ID')), ['1']);
            assert.deepEqual(childElements(many, 'Order').map(order => textAt(order, 'ID')), ['1', '2']);
            assert.deepEqual(childElements(one, 'Missing'), []);
            const empty = parseXmlDocument('<a><b/><c>   </c><d></d></a>');
            assert.equal(textAt(empty, 'b'), undefined);
            assert.equal(textAt(empty, 'c'), undefined);
            assert.equal(textAt(empty, 'd'), undefined);
            assert.equal(elementAt(empty, 'b')?.name, 'b');
        });

        it('gives a JSON-friendly copy for quarantine', () => {
            const root = parseXmlDocument('<Order><ID type="Printable">1</ID><L>a</L><L>b</L><E/></Order>');
            assert.deepEqual(toPlainObject(root), { ID: { '@type': 'Printable', '#text': '1' }, L: ['a', 'b'], E: '' });
        });
    });
});
