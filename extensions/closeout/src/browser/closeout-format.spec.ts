import * as assert from 'node:assert/strict';
import { addressLines, authorizationWarning, formatMoney } from './closeout-format';

describe('closeout formatting', () => {

    it('writes amounts with their currency and two decimals', () => {
        assert.equal(formatMoney(1234.5, 'USD'), '$1,234.50');
        assert.equal(formatMoney(0.5, 'EUR'), '€0.50');
        assert.equal(formatMoney(12, undefined), '12.00');
        assert.equal(formatMoney(-3.1, 'USD'), '-$3.10');
    });

    it('writes a dash for an unknown amount rather than 0 or NaN', () => {
        assert.equal(formatMoney(undefined, 'USD'), '—');
        assert.equal(formatMoney(Number.NaN, 'USD'), '—');
    });

    it('does not trust a malformed currency code', () => {
        assert.equal(formatMoney(7, 'dollars'), '7.00');
    });

    it('lays an address out as label lines, leaving out what is missing', () => {
        assert.deepEqual(addressLines({ companyName: 'Engines Ltd', attn: 'Ada', address1: '1 Way', city: 'London', state: 'LDN', zip: 'N1', country: 'GB' }),
            ['Engines Ltd', 'Attn: Ada', '1 Way', 'London, LDN N1', 'GB']);
        assert.deepEqual(addressLines({ address1: '1 Way', zip: '12345' }), ['1 Way', '12345']);
        assert.deepEqual(addressLines(undefined), []);
        assert.deepEqual(addressLines({ address1: '  ' }), []);
    });

    it('warns about an expired authorization and one expiring within a day, and only then', () => {
        assert.match(authorizationWarning({ method: 'CreditCard', authorizationWarning: 'expired' }) ?? '', /has expired/);
        assert.match(authorizationWarning({ method: 'CreditCard', authorizationWarning: 'expiring' }) ?? '', /within 24 hours/);
        assert.equal(authorizationWarning({ method: 'CreditCard' }), undefined);
    });
});
