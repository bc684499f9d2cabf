import { SaxesParser } from 'saxes';
import { BodyTooLargeError } from './bounded-body';
import { MarcomCentralError } from './marcomcentral-error';

/** Who an order is, without what it holds: enough to ask for it alone by number, or to quarantine it. */
export interface OrderHead {
    readonly marcomOrderId?: string;
    readonly orderNumber?: string;
}

/** No answer of one small window names more orders than this; each is asked for on its own afterwards. */
export const MAX_SCANNED_ORDERS = 1000;
/** Ids and order numbers longer than this are not ids: the scan keeps no more of any text. */
const MAX_HEAD_TEXT = 64;

/**
 * Reads a GetOrdersByDate answer as a stream and keeps only each order's `ID` and `OrderNumber`
 * (`…/GetOrdersResponse/Orders/Order/{ID, OrderNumber}`, by local name). Everything else,
 * line items included, passes through without being kept, so an answer too large to read whole
 * can still say which orders it holds. A DOCTYPE or an unknown entity is refused, as everywhere.
 */
export class OrderHeadScanner {
    protected readonly parser = new SaxesParser({ position: false });
    protected readonly decoder = new TextDecoder('utf-8');
    protected readonly path: string[] = [];
    protected readonly heads: OrderHead[] = [];
    protected current: { marcomOrderId: string; orderNumber: string } | undefined;
    protected sawOrderList = false;
    protected failure: Error | undefined;

    constructor(protected readonly operation: string) {
        this.parser.on('doctype', () => this.fail('a DOCTYPE, which SOAP forbids'));
        this.parser.on('error', error => this.fail(error.message));
        this.parser.on('opentag', tag => this.open(localName(tag.name)));
        this.parser.on('closetag', () => this.close());
        this.parser.on('text', text => this.text(text));
        this.parser.on('cdata', text => this.text(text));
    }

    write(chunk: Uint8Array): void {
        this.parser.write(this.decoder.decode(chunk, { stream: true }));
        this.check();
    }

    /** The heads of every order in the answer, in the answer's order. */
    end(): OrderHead[] {
        this.parser.write(this.decoder.decode());
        this.parser.close();
        this.check();
        if (!this.sawOrderList) {
            this.fail('it has no GetOrdersResponse element');
            this.check();
        }
        return this.heads;
    }

    protected open(name: string): void {
        this.path.push(name);
        this.sawOrderList ||= name === 'GetOrdersResponse';
        if (name === 'Fault' && this.path[this.path.length - 2] === 'Body') {
            this.fail('it is a SOAP fault');
        }
        if (this.inOrder(0) && name === 'Order') {
            if (this.heads.length >= MAX_SCANNED_ORDERS) {
                this.fail(`more than ${MAX_SCANNED_ORDERS} orders`);
            }
            this.current = { marcomOrderId: '', orderNumber: '' };
        }
    }

    protected close(): void {
        const closesOrder = this.inOrder(0);
        this.path.pop();
        if (closesOrder && this.current) {
            this.heads.push({ marcomOrderId: usable(this.current.marcomOrderId), orderNumber: usable(this.current.orderNumber) });
            this.current = undefined;
        }
    }

    protected text(text: string): void {
        const name = this.path[this.path.length - 1];
        if (!this.current || !this.inOrder(1) || (name !== 'ID' && name !== 'OrderNumber')) {
            return;
        }
        const field = name === 'ID' ? 'marcomOrderId' : 'orderNumber';
        this.current[field] = (this.current[field] + text).slice(0, MAX_HEAD_TEXT + 1);
    }

    /** True when the element `depth` levels above the innermost one is an order of the answer's order list. */
    protected inOrder(depth: number): boolean {
        const at = this.path.length - 1 - depth;
        return this.path[at] === 'Order' && this.path[at - 1] === 'Orders' && this.path[at - 2] === 'GetOrdersResponse';
    }

    protected fail(why: string): void {
        this.failure ??= new MarcomCentralError('bad-response', `MarcomCentral's answer to ${this.operation} could not be scanned for its orders: ${why}`,
            { operation: this.operation });
    }

    protected check(): void {
        if (this.failure) {
            throw this.failure;
        }
    }
}

/** An id as sent, or nothing when it is empty or too long to be one. */
function usable(text: string): string | undefined {
    const trimmed = text.trim();
    return trimmed !== '' && trimmed.length <= MAX_HEAD_TEXT ? trimmed : undefined;
}

function localName(name: string): string {
    return name.slice(name.indexOf(':') + 1);
}

/**
 * Scans a streamed GetOrdersByDate answer for its orders' heads, reading at most `maxBytes`.
 * @throws BodyTooLargeError past `maxBytes` (after calling `abort`), MarcomCentralError when the answer is not one to read.
 */
export async function scanOrderHeads(
    body: AsyncIterable<Uint8Array | string> | null, maxBytes: number, abort: () => void, operation: string
): Promise<OrderHead[]> {
    const scanner = new OrderHeadScanner(operation);
    let total = 0;
    for await (const chunk of body ?? []) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        total += bytes.byteLength;
        if (total > maxBytes) {
            abort();
            throw new BodyTooLargeError(maxBytes);
        }
        scanner.write(bytes);
    }
    return scanner.end();
}
