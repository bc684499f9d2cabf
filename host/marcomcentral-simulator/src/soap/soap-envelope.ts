import { buildXml, XmlObject } from './xml-writer';
import { XmlElement, XmlSafetyError, XmlSyntaxError, child, ownNamespace, parseXmlDocument } from './xml-tree';

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export type FaultCode = 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch';

/** Anything that must reach the client as a SOAP Fault (HTTP 500). */
export class SoapFaultError extends Error {
    override readonly name = 'SoapFaultError';
    constructor(readonly faultCode: FaultCode, message: string) {
        super(message);
    }
}

export interface SoapRequest {
    /** The first element inside soap:Body: the operation, e.g. GetOrdersByDate. */
    readonly operation: XmlElement;
}

/** Reads a SOAP 1.1 request by local names; any problem is a SoapFaultError. */
export function readSoapRequest(xml: string): SoapRequest {
    let envelope: XmlElement;
    try {
        envelope = parseXmlDocument(xml);
    } catch (error) {
        if (error instanceof XmlSafetyError || error instanceof XmlSyntaxError) {
            throw new SoapFaultError('soap:Client', `Server was unable to read request. ${error.message}`);
        }
        throw error;
    }
    if (envelope.name !== 'Envelope') {
        throw new SoapFaultError('soap:Client', 'Server was unable to read request. The root element is not a SOAP Envelope.');
    }
    const namespace = ownNamespace(envelope);
    if (namespace === SOAP_12_ENVELOPE_NS) {
        throw new SoapFaultError('soap:VersionMismatch', 'Possible SOAP version mismatch: this service speaks SOAP 1.1.');
    }
    if (namespace !== SOAP_ENVELOPE_NS) {
        throw new SoapFaultError('soap:Client', `Server was unable to read request. The Envelope must be in namespace ${SOAP_ENVELOPE_NS}.`);
    }
    const operation = child(envelope, 'Body')?.children[0];
    if (!operation) {
        throw new SoapFaultError('soap:Client', 'Server was unable to read request. The soap:Body holds no operation element.');
    }
    return { operation };
}

function envelope(body: XmlObject): string {
    return XML_DECLARATION + buildXml({
        'soap:Envelope': {
            '@_xmlns:soap': SOAP_ENVELOPE_NS,
            '@_xmlns:xsi': XSI_NS,
            '@_xmlns:xsd': XSD_NS,
            'soap:Header': '',
            'soap:Body': body
        }
    });
}

/** `responseElement` is e.g. `{ GetOrdersByDateResponse: { '@_xmlns': ns, ... } }`. */
export function writeSoapResponse(responseElement: XmlObject): string {
    return envelope(responseElement);
}

export function writeSoapFault(faultCode: FaultCode, message: string): string {
    return envelope({
        'soap:Fault': {
            faultcode: faultCode,
            faultstring: message,
            detail: ''
        }
    });
}
