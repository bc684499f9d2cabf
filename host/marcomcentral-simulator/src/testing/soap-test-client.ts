/**
 * Test support: a deliberately plain SOAP client (string templates and fetch), so tests see the
 * wire format a real client sees. Not part of the public API.
 */
import { OPERATIONS, OperationName, serviceNamespace } from '../soap/operations';
import { SOAP_ENVELOPE_NS } from '../soap/soap-envelope';
import { XmlElement, child, parseXmlDocument } from '../soap/xml-tree';
import type { RunningSimulator } from '../simulator';

export interface SoapCallOptions {
    /** Token to send; default the simulator's order token (closeout token for closeout operations). */
    readonly token?: string | null;
    /** SOAPAction header; default `"<ns>/<Operation>"`; null sends none. */
    readonly soapAction?: string | null;
    /** Path below the base URL; default `/TRANS/1.0/<Service>.asmx`. */
    readonly path?: string;
    readonly contentType?: string;
    /** Send this body instead of building one. */
    readonly rawBody?: string;
    readonly signal?: AbortSignal;
}

export interface SoapCallResult {
    readonly status: number;
    readonly contentType: string | null;
    readonly text: string;
    /** The `<Op>Response` element, when the answer is a normal response. */
    readonly response?: XmlElement;
    readonly fault?: { readonly code: string; readonly message: string };
}

export function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function soapRequestBody(operation: OperationName, inner: string, token: string | null): string {
    const spec = OPERATIONS[operation];
    const credentials = token === null ? '' : `<PartnerCredentials><Token>${escapeXml(token)}</Token></PartnerCredentials>`;
    return `<?xml version="1.0" encoding="utf-8"?>`
        + `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:ws="${serviceNamespace(spec.service)}">`
        + `<soapenv:Header/><soapenv:Body><ws:${operation}><ws:${spec.requestElement}>${credentials}${inner}`
        + `</ws:${spec.requestElement}></ws:${operation}></soapenv:Body></soapenv:Envelope>`;
}

export async function soapCall(
    simulator: RunningSimulator, operation: OperationName, inner = '', options: SoapCallOptions = {}
): Promise<SoapCallResult> {
    const spec = OPERATIONS[operation];
    const token = options.token === undefined ? (spec.closeout ? simulator.closeoutToken : simulator.orderToken) : options.token;
    const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'text/xml; charset=utf-8' };
    const soapAction = options.soapAction === undefined ? `"${serviceNamespace(spec.service)}/${operation}"` : options.soapAction;
    if (soapAction !== null) {
        headers.SOAPAction = soapAction;
    }
    const reply = await fetch(`${simulator.url}${options.path ?? `/TRANS/1.0/${spec.service}.asmx`}`, {
        method: 'POST',
        headers,
        body: options.rawBody ?? soapRequestBody(operation, inner, token),
        signal: options.signal
    });
    const text = await reply.text();
    const result = { status: reply.status, contentType: reply.headers.get('content-type'), text };
    if (!text.startsWith('<?xml') || text.includes('<!DOCTYPE')) {
        return result;
    }
    let body: XmlElement | undefined;
    try {
        body = child(parseXmlDocument(text), 'Body');
    } catch {
        return result;
    }
    const first = body?.children[0];
    if (first?.name === 'Fault') {
        return { ...result, fault: { code: child(first, 'faultcode')?.text ?? '', message: child(first, 'faultstring')?.text ?? '' } };
    }
    return { ...result, response: first };
}

export function childNames(element: XmlElement | undefined): string[] {
    return element ? element.children.map(candidate => candidate.name) : [];
}

/** `<Status Status Code Message/>` as an object. */
export function statusOf(element: XmlElement | undefined): { Status?: string; Code?: string; Message?: string } {
    return { Status: element?.attributes.Status, Code: element?.attributes.Code, Message: element?.attributes.Message };
}

export function lineItemsXml(items: readonly { id: string; quantity?: number }[]): string {
    return `<LineItems>${items.map(item => `<LineItem><ID type="Printable">${escapeXml(item.id)}</ID>`
        + `${item.quantity === undefined ? '' : `<Quantity>${item.quantity}</Quantity>`}</LineItem>`).join('')}</LineItems>`;
}

export function packingSlipNodeXml(fields: { number?: string; shipDate?: string; tracking?: string; skipAdjustInventory?: boolean } = {}): string {
    return '<PackingSlipNode>'
        + (fields.number === undefined ? '' : `<PackingSlipNumber>${escapeXml(fields.number)}</PackingSlipNumber>`)
        + (fields.shipDate === undefined ? '' : `<ShipDate>${fields.shipDate}</ShipDate>`)
        + '<CarrierName>UPS</CarrierName>'
        + (fields.tracking === undefined ? '' : `<TrackingNumber>${escapeXml(fields.tracking)}</TrackingNumber>`)
        + (fields.skipAdjustInventory === undefined ? '' : `<SkipAdjustInventory>${fields.skipAdjustInventory}</SkipAdjustInventory>`)
        + '<ShipToAddress><Attention>Receiving</Attention><Name>Acme</Name><Address1>100 Market Street</Address1>'
        + '<City>San Francisco</City><State>CA</State><PostalCode>94105</PostalCode><Country>US</Country></ShipToAddress>'
        + '</PackingSlipNode>';
}

export function dateRangeXml(start: string, end: string): string {
    return `<DateRange><Start>${start}</Start><End>${end}</End></DateRange>`;
}

/** Admin JSON call with the order token. */
export async function admin(
    simulator: RunningSimulator, method: string, path: string, body?: unknown, token: string | null = simulator.orderToken
): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token !== null) {
        headers.Authorization = `Bearer ${token}`;
    }
    const reply = await fetch(`${simulator.url}/_sim${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: reply.status, json: await reply.json() };
}
