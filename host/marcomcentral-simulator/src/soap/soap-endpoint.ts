import { FaultMode, PendingFault } from '../faults/fault-injector';
import { HUGE_RESPONSE_BYTES, billionLaughs, http500Page, paddedToSize, truncated } from '../faults/hostile-responses';
import { HttpReply, XML_CONTENT_TYPE, textReply, xmlReply } from '../http/http-reply';
import { closeoutResultXml, defaultMessage, requestedLineItemIds } from '../services/closeout-result';
import { createInvoiceByLineItem } from '../services/invoice-service';
import { getJobTicketsByDate } from '../services/job-ticket-service';
import { getOrdersByDate, getOrdersByOrderNumber } from '../services/order-service';
import { createPackingSlipByLineItem, createPackingSlipByOrder } from '../services/packing-slip-service';
import { OperationHandler } from '../services/service-context';
import { settleByOrder } from '../services/settlement-service';
import { SimulatorCore } from '../simulator-core';
import { OperationName, OperationSpec, SERVICE_SCOPES, ServiceName, operationsOf, serviceNamespace } from './operations';
import { PollLimiter } from './poll-limiter';
import { SoapFaultError, readSoapRequest, writeSoapFault, writeSoapResponse } from './soap-envelope';
import { XmlElement, child, textAt } from './xml-tree';

export const INVALID_CREDENTIALS = 'Invalid partner credentials';
export const REQUEST_LIMIT_EXCEEDED = 'Request limit exceeded';

const HANDLERS: Readonly<Record<OperationName, OperationHandler>> = {
    GetOrdersByDate: getOrdersByDate,
    GetOrdersByOrderNumber: getOrdersByOrderNumber,
    GetJobTicketsByDate: getJobTicketsByDate,
    CreatePackingSlipByOrder: createPackingSlipByOrder,
    CreatePackingSlipByLineItem: createPackingSlipByLineItem,
    CreateInvoiceByLineItem: createInvoiceByLineItem,
    SettleByOrder: settleByOrder
};

/** Faults in these modes still let the operation run: the store did the work, the answer is lost. */
const OPERATION_RUNS: readonly FaultMode[] = ['timeout', 'malformed', 'huge'];

export interface SoapEndpointOptions {
    readonly pollLimiter?: PollLimiter;
    readonly hugeResponseBytes?: number;
}

/**
 * One POST to `<Service>.asmx`: read the envelope, pick the operation (SOAPAction, else the first
 * child of soap:Body), check the token, apply any injected fault and the poll limit, then run the
 * operation. Every refusal is a SOAP Fault with HTTP 500.
 */
export class SoapEndpoint {
    constructor(private readonly core: SimulatorCore, private readonly options: SoapEndpointOptions = {}) { }

    async handle(service: ServiceName, soapAction: string | undefined, body: string): Promise<HttpReply> {
        try {
            return await this.process(service, soapAction, body);
        } catch (error) {
            if (error instanceof SoapFaultError) {
                return soapFaultReply(error);
            }
            throw error;
        }
    }

    private async process(service: ServiceName, soapAction: string | undefined, body: string): Promise<HttpReply> {
        const { operation } = readSoapRequest(body);
        const spec = route(service, soapAction, operation);
        const request = child(operation, spec.requestElement);
        const token = textAt(request, 'PartnerCredentials', 'Token');
        if (!this.core.tokens.accepts(SERVICE_SCOPES[service], token)) {
            throw new SoapFaultError('soap:Server', INVALID_CREDENTIALS);
        }
        const fault = this.core.faults.take(spec.name);
        if (fault && !OPERATION_RUNS.includes(fault.mode)) {
            return this.failInstead(fault, spec, request);
        }
        const now = this.core.clock.now();
        if (spec.datePoll && this.options.pollLimiter && !this.options.pollLimiter.tryPoll(token!, spec.name, now)) {
            throw new SoapFaultError('soap:Server', REQUEST_LIMIT_EXCEEDED);
        }
        const content = HANDLERS[spec.name](request, this.core.serviceContext());
        if (spec.closeout) {
            await this.core.store.save();
        }
        const xml = writeSoapResponse({ [`${spec.name}Response`]: { '@_xmlns': serviceNamespace(spec.service), ...content } });
        return fault ? this.spoil(fault, xml) : xmlReply(200, xml);
    }

    private failInstead(fault: PendingFault, spec: OperationSpec, request: XmlElement | undefined): HttpReply {
        switch (fault.mode) {
            case 'http500':
                return textReply(500, http500Page(), 'text/html; charset=utf-8');
            case 'entity':
                return xmlReply(200, billionLaughs(spec));
            case 'code': {
                const code = fault.code!;
                const message = `${defaultMessage(code)} (injected)`;
                const lines = requestedLineItemIds(request, this.core.store).map(lineItemId => ({ lineItemId, code, message }));
                const content = closeoutResultXml(spec.resultElement, { code, message, lines });
                return xmlReply(200, writeSoapResponse({ [`${spec.name}Response`]: { '@_xmlns': serviceNamespace(spec.service), ...content } }));
            }
            default:
                return soapFaultReply(new SoapFaultError('soap:Server', 'Server was unable to process request. ---> Simulated failure (injected fault).'));
        }
    }

    private spoil(fault: PendingFault, xml: string): HttpReply {
        switch (fault.mode) {
            case 'timeout':
                return { kind: 'hold' };
            case 'malformed':
                return xmlReply(200, truncated(xml));
            default: {
                const size = this.options.hugeResponseBytes ?? HUGE_RESPONSE_BYTES;
                return {
                    kind: 'stream', status: 200, headers: { 'Content-Type': XML_CONTENT_TYPE },
                    chunks: () => paddedToSize(xml, size),
                    logSummary: `[${size} bytes: the real answer padded with an XML comment]\n${xml}`
                };
            }
        }
    }
}

function soapFaultReply(error: SoapFaultError): HttpReply {
    return xmlReply(500, writeSoapFault(error.faultCode, error.message));
}

/** `"http://…/Service/Operation"` (quotes optional); empty means absent. */
function normalizeSoapAction(header: string | undefined): string | undefined {
    const value = header?.trim().replace(/^"(.*)"$/, '$1').trim();
    return value ? value : undefined;
}

function route(service: ServiceName, soapActionHeader: string | undefined, operation: XmlElement): OperationSpec {
    const operations = operationsOf(service);
    const soapAction = normalizeSoapAction(soapActionHeader);
    if (soapAction === undefined) {
        const spec = operations.find(candidate => candidate.name === operation.name);
        if (!spec) {
            throw new SoapFaultError('soap:Client', `Server did not recognize the request element ${operation.name}.`);
        }
        return spec;
    }
    const namespace = serviceNamespace(service);
    const spec = operations.find(candidate => soapAction === `${namespace}/${candidate.name}`);
    if (!spec) {
        throw new SoapFaultError('soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${soapAction}.`);
    }
    if (operation.name !== spec.name) {
        throw new SoapFaultError('soap:Client', `The request element ${operation.name} does not match SOAPAction ${soapAction}.`);
    }
    return spec;
}
