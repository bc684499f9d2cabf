import assert from 'node:assert/strict';
import { addMoney, applyRate, extendMoney, normalizeMoney, subtractMoney } from './money';

describe('money', () => {
    it('adds without floating-point noise', () => {
        assert.equal(addMoney('0.10', '0.20'), '0.30');
        assert.equal(addMoney('0', '22.50', '12.50', '1.63'), '36.63');
        assert.equal(subtractMoney('10.00', '12.5'), '-2.50');
    });

    it('extends unit prices and rounds tax half away from zero to cents', () => {
        assert.equal(extendMoney('0.045', 250), '11.25');
        assert.equal(extendMoney('0.0333', 3), '0.10');
        assert.equal(applyRate('22.50', '0.0725'), '1.63');
        assert.equal(applyRate('10.00', '0.0625'), '0.63');
    });

    it('normalises to at least two decimals, keeps unit-price precision', () => {
        assert.equal(normalizeMoney(12.5), '12.50');
        assert.equal(normalizeMoney('0.0450'), '0.045');
        assert.throws(() => normalizeMoney('1e3'));
    });
});
