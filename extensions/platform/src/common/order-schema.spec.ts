import * as assert from 'node:assert/strict';
import { PAYMENT_METHODS, paymentMethodLabel } from './order-schema';

describe('paymentMethodLabel', () => {
    it('names every payment method in words', () => {
        assert.equal(paymentMethodLabel('CreditCard'), 'Credit card');
        assert.equal(paymentMethodLabel('PurchaseOrder'), 'Purchase order');
        for (const method of PAYMENT_METHODS) {
            assert.doesNotMatch(paymentMethodLabel(method), /[a-z][A-Z]/, method);
        }
    });

    it('shows a method it does not know as sent', () => {
        assert.equal(paymentMethodLabel('Voucher'), 'Voucher');
    });
});
