import { XmlDocumentError, XmlElement, XmlSieve, parseXmlDocument } from './xml-document';
import { childElement, textAt } from './xml-query';
import { XmlNode, parentElement, renderXml, textElement } from './xml-writer';

/** SOAP 1.1 envelopes as MarcomCentral's transactional services speak them. */

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

export type MarcomCentralService = 'Order' | 'JobTicket' | 'PackingSlip' | 'Invoice' | 'Settlement';

export function serviceNamespace(service: MarcomCentralService): string {
    return `http://www.printable.com/WebService/${service}`;
}

/** The quoted SOAPAction header value: `"<namespace>/<Operation>"`. */
export function soapAction(service: MarcomCentralService, operation: string): string {
    return `"${serviceNamespace(service)}/${operation}"`;
}

/** `<PartnerCredentials><Token>…</Token></PartnerCredentials>`: the token always travels in the body. */
export function partnerCredentials(token: string): XmlNode {
    return parentElement('PartnerCredentials', [textElement('Token', token)]);
}

export interface SoapRequest {
    readonly method: 'POST';
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
}

/**
 * Wraps one request object (e.g. `OrderRequestByDate` or `pRequest`) in the operation element and a
 * SOAP 1.1 envelope with an empty Header. The operation element is qualified with the service's
 * namespace through a prefix, so the request object and everything in it stay unqualified.
 */
export function buildSoapRequest(service: MarcomCentralService, operation: string, requestObject: XmlNode): SoapRequest {
    const operationElement = renderXml({
        name: `tns:${operation}`,
        attributes: { 'xmlns:tns': serviceNamespace(service) },
        children: [requestObject]
    });
    const body = '<?xml version="1.0" encoding="utf-8"?>'
        + `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NAMESPACE}">`
        + '<soap:Header/>'
        + `<soap:Body>${operationElement}</soap:Body>`
        + '</soap:Envelope>';
    return {
        method: 'POST',
        headers: {
            'Content-Type': SOAP_CONTENT_TYPE,
            'SOAPAction': soapAction(service, operation),
            'Accept': 'text/xml'
        },
        body
    };
}

export interface SoapFault {
    readonly faultCode?: string;
    readonly faultString: string;
}

/** The content of `soap:Body`: a fault, or the operation's response element. */
export type SoapResponseContent =
    | { readonly kind: 'fault'; readonly fault: SoapFault }
    | { readonly kind: 'result'; readonly element: XmlElement };

/**
 * Reads a SOAP envelope (any prefix, or none) and returns the first element of its Body; with a
 * sieve, the elements it takes are left out of it (see XmlSieve).
 * Understands SOAP 1.1 faults (`faultcode`, `faultstring`) and, for robustness, SOAP 1.2 ones.
 * @throws XmlDocumentError when the text is not a SOAP envelope we accept.
 */
export function parseSoapResponse(xml: string, sieve?: XmlSieve): SoapResponseContent {
    const envelope = parseXmlDocument(xml, sieve);
    if (envelope.name !== 'Envelope') {
        throw new XmlDocumentError(`expected a SOAP Envelope but the document's root is <${envelope.name}>`);
    }
    const body = childElement(envelope, 'Body');
    if (!body) {
        throw new XmlDocumentError('the SOAP Envelope has no Body');
    }
    const first = body.children[0];
    if (!first) {
        throw new XmlDocumentError('the SOAP Body is empty');
    }
    if (first.name === 'Fault') {
        return { kind: 'fault', fault: readFault(first) };
    }
    return { kind: 'result', element: first };
}

function readFault(fault: XmlElement): SoapFault {
    const faultCode = textAt(fault, 'faultcode') ?? textAt(fault, 'Code', 'Value');
    const faultString = textAt(fault, 'faultstring') ?? textAt(fault, 'Reason', 'Text') ?? '';
    return { faultCode, faultString };
}
