import * as assert from 'node:assert/strict';
import type { CloseoutInput } from '../../common/closeout-protocol';

/** The numbers an operator types for order 1001, with what a spec changes. */
export function closeoutInput(overrides: { slip?: Partial<CloseoutInput['packingSlip']>; invoice?: Partial<CloseoutInput['invoice']> } = {}): CloseoutInput {
    return {
        packingSlip: { packingSlipNumber: 'PS-1001', shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: '1Z999', ...overrides.slip },
        invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26', ...overrides.invoice }
    };
}

/** The message the promise rejects with; fails the spec when it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        return (error as Error).message;
    }
    assert.fail('expected a refusal');
}
