import type { CloseoutAction, CloseoutLineResult, CloseoutResult, CloseoutStatus } from './closeout-types';
import { MarcomCentralError } from './marcomcentral-error';
import type { XmlElement } from './xml-document';
import { attributeOf, childElement, childElements, textAt } from './xml-query';

/**
 * Reads `<Op>Response/<Op>Result/{Status[@Status @Code @Message], LineItems/LineItem*{LineItemID,
 * Status, Action[@ReferenceId]}}` (the `…Result` wrapper is optional). Failure codes are data, not
 * errors: see closeoutOutcome. A missing or non-numeric code is a bad response.
 */
export function readCloseoutResponse(response: XmlElement, operation: string): CloseoutResult {
    const result = childElement(response, `${operation}Result`) ?? response;
    const status = childElement(result, 'Status');
    if (!status) {
        throw badResponse(operation, 'has no Status element');
    }
    const lineItems = childElements(childElement(result, 'LineItems'), 'LineItem').map((line, index) => readLine(line, index, operation));
    return { ...readStatus(status, operation, 'Status'), lineItems };
}

function readLine(line: XmlElement, index: number, operation: string): CloseoutLineResult {
    const lineItemId = textAt(line, 'LineItemID') ?? textAt(line, 'ID');
    if (lineItemId === undefined) {
        throw badResponse(operation, `has a LineItem (number ${index + 1}) without a LineItemID`);
    }
    const status = childElement(line, 'Status');
    const action = childElement(line, 'Action');
    return {
        lineItemId,
        status: status && readStatus(status, operation, `LineItem ${lineItemId} Status`),
        action: action && readAction(action, operation, lineItemId)
    };
}

function readAction(action: XmlElement, operation: string, lineItemId: string): CloseoutAction {
    const referenceId = attributeOf(action, 'ReferenceId');
    const status = readStatus(action, operation, `LineItem ${lineItemId} Action`);
    return referenceId === undefined ? status : { ...status, referenceId };
}

function readStatus(element: XmlElement, operation: string, what: string): CloseoutStatus {
    const codeText = attributeOf(element, 'Code');
    if (codeText === undefined || !/^-?\d+$/.test(codeText)) {
        throw badResponse(operation, `has a ${what} whose Code is ${codeText === undefined ? 'missing' : 'not a number'}`);
    }
    return {
        status: element.attributes.get('Status')?.trim() ?? '',
        code: Number(codeText),
        message: element.attributes.get('Message')?.trim() ?? ''
    };
}

function badResponse(operation: string, problem: string): MarcomCentralError {
    return new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} ${problem}`, { operation });
}
