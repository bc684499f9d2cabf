import { SoapFaultError } from '../soap/soap-envelope';
import { XmlElement, children, textAt } from '../soap/xml-tree';
import { XmlObject } from '../soap/xml-writer';
import { StateStore } from '../store/state-store';

/** Result codes of the closeout services (contract table). */
export const ResultCode = {
    RequestAccepted: 1,
    LineProcessed: 3,
    AlreadyDone: 5,
    InventoryConflict: 167,
    NotFound: 201,
    AlreadyProcessed: 202,
    SettlementNotRequired: 401,
    NotShippedAndInvoiced: 402,
    AuthorizationExpired: 403
} as const;
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];

export const RESULT_CODES: readonly number[] = Object.values(ResultCode);

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
    1: 'Request processed successfully.',
    3: 'Line item processed.',
    5: 'Already processed.',
    167: 'Inventory conflict.',
    201: 'Not found in this store.',
    202: 'Already processed under another number.',
    401: 'Order does not require settlement.',
    402: 'Order is not fully shipped and invoiced.',
    403: 'Credit card authorization expired or declined.'
};

export function defaultMessage(code: number): string {
    return DEFAULT_MESSAGES[code] ?? 'Request failed.';
}

export function statusWord(code: number): 'ProcessComplete' | 'ProcessDone' | 'ProcessFailed' {
    if (code === ResultCode.RequestAccepted || code === ResultCode.LineProcessed) {
        return 'ProcessComplete';
    }
    return code === ResultCode.AlreadyDone ? 'ProcessDone' : 'ProcessFailed';
}

export function isSuccess(code: number): boolean {
    return statusWord(code) !== 'ProcessFailed';
}

export interface LineOutcome {
    readonly lineItemId: string;
    readonly code: number;
    readonly message: string;
    /** Id of the packing slip, invoice or settlement the line ended up on. */
    readonly referenceId?: string;
}

export interface CloseoutOutcome {
    readonly code: number;
    readonly message: string;
    readonly lines: readonly LineOutcome[];
}

/**
 * A request is all-or-nothing: if any line fails, nothing changes and only the failing lines are
 * listed; if every line was already done the answer is code 5; otherwise code 1.
 */
export function summarise(lines: readonly LineOutcome[], acceptedMessage = defaultMessage(ResultCode.RequestAccepted)): CloseoutOutcome {
    const failures = lines.filter(line => !isSuccess(line.code));
    if (failures.length > 0) {
        return { code: failures[0].code, message: failures[0].message, lines: failures };
    }
    if (lines.every(line => line.code === ResultCode.AlreadyDone)) {
        return { code: ResultCode.AlreadyDone, message: defaultMessage(ResultCode.AlreadyDone), lines };
    }
    return { code: ResultCode.RequestAccepted, message: acceptedMessage, lines };
}

function statusAttributes(code: number, message: string): XmlObject {
    return { '#text': '', '@_Status': statusWord(code), '@_Code': String(code), '@_Message': message };
}

/** `<Op>Result{ Status, LineItems/LineItem*{ LineItemID, Status, Action } }`. */
export function closeoutResultXml(resultElement: string, outcome: CloseoutOutcome): XmlObject {
    return {
        [resultElement]: {
            Status: statusAttributes(outcome.code, outcome.message),
            LineItems: outcome.lines.length === 0 ? '' : {
                LineItem: outcome.lines.map(line => ({
                    LineItemID: line.lineItemId,
                    Status: statusAttributes(line.code, line.message),
                    Action: {
                        ...statusAttributes(line.code, line.message),
                        '@_ReferenceId': line.referenceId
                    }
                }))
            }
        }
    };
}

/** Line items named by a closeout request, directly or through its orders (for injected result codes). */
export function requestedLineItemIds(request: XmlElement | undefined, store: StateStore): string[] {
    const direct = children(request?.children.find(element => element.name === 'LineItems'), 'LineItem')
        .map(item => textAt(item, 'ID') ?? '');
    if (direct.length > 0) {
        return direct;
    }
    const orderIds = [
        ...children(request?.children.find(element => element.name === 'Orders'), 'ID').map(id => id.text.trim()),
        ...(textAt(request, 'OrderID') ? [textAt(request, 'OrderID')!] : [])
    ];
    return orderIds.flatMap(orderId => store.findOrder(orderId)?.OrderDetails.map(line => line.ID) ?? []);
}

/** `true`/`1` or `false`/`0` (xs:boolean); absent gives the default. */
export function readBoolean(request: XmlElement | undefined, path: string[], fallback: boolean): boolean {
    const text = textAt(request, ...path);
    if (text === undefined || text === '') {
        return fallback;
    }
    if (text === 'true' || text === '1') {
        return true;
    }
    if (text === 'false' || text === '0') {
        return false;
    }
    throw new SoapFaultError('soap:Client', `Server was unable to read request. ${path.join('/')} is not an xs:boolean: ${text}`);
}
