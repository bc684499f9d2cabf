import { strict as assert } from 'assert';
import { decisionInWords } from './decision-words';

describe('decisionInWords', () => {
    it('says what the operator decided at a supplied activity, and who', () => {
        assert.equal(decisionInWords({ baseType: 'prepress-check', label: 'Prepress Check', ownName: false }, 'olivia'), 'Prepress check done by olivia');
        assert.equal(decisionInWords({ baseType: 'approve', label: 'Approve', ownName: false }, 'olivia'), 'Approved by olivia');
        assert.equal(decisionInWords({ baseType: 'closeout-order', label: 'Closeout Order', ownName: false }, 'oscar'), 'Order closed out; released by oscar');
        assert.equal(decisionInWords({ baseType: 'retain', label: 'Retain', ownName: false }, 'oscar'), 'Released from Retain by oscar');
    });

    it('keeps the name the designer gave the step, or a custom activity\'s, never the type id', () => {
        assert.equal(decisionInWords({ baseType: 'prepress-check', label: 'Check proofs with the customer', ownName: true }, 'olivia'), 'Check proofs with the customer done by olivia');
        assert.equal(decisionInWords({ baseType: 'approve', label: 'Sales approval', ownName: true }, 'olivia'), 'Sales approval done by olivia');
    });

    it('says "done" for an activity without a sentence of its own, by its label', () => {
        assert.equal(decisionInWords({ baseType: 'copy-to-folder', label: 'Copy to Folder', ownName: false }, 'olivia'), 'Copy to Folder done by olivia');
    });
});
