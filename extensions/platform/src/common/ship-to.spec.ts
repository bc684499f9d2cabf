import * as assert from 'node:assert/strict';
import type { Address, LineItem, Order } from './order-schema';
import {
    CLOSE_OUT_IN_MARCOMCENTRAL, closeOutInMarcomCentralReason, closedOutElsewhere, distinctShipTo, retainedForMarcomCentralReason, shipToFlag, shipsToSeveralAddresses
} from './ship-to';

type ShipTo = Pick<Order, 'orderNumber' | 'closed' | 'lineItems' | 'shippingAddress' | 'shipsToSeveralAddresses'>;

const DOCK: Address = { attn: 'Receiving', companyName: 'Acme', address1: '200 Dock Rd', city: 'Portland', state: 'OR', zip: '97202', country: 'US' };
const AUSTIN: Address = { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' };

function line(id: string, address?: Address): LineItem {
    return { id, productName: `Product ${id}`, productType: 'Versioned', quantity: 1, price: {}, finishingOptions: [], ...(address ? { shipping: { address } } : {}) };
}

function order(lineItems: LineItem[], overrides: Partial<ShipTo> = {}): ShipTo {
    return { orderNumber: '1001', closed: false, shippingAddress: DOCK, lineItems, ...overrides };
}

describe('ship-to', () => {
    it('lists the distinct addresses of the lines, falling back to the order\'s address', () => {
        assert.equal(distinctShipTo(order([line('L1'), line('L2')])).length, 1, 'lines without an address ship to the order\'s');
        const sameDock = { ...DOCK, address1: '200  Dock Rd', city: 'portland', phoneNumber: '555' };
        assert.equal(distinctShipTo(order([line('L1', sameDock), line('L2')])).length, 1, 'case, spacing and phone aside, one place');
        assert.deepEqual(distinctShipTo(order([line('L1'), line('L2', AUSTIN)])).map(address => address.city), ['Portland', 'Austin']);
        assert.deepEqual(distinctShipTo(order([line('L1')], { shippingAddress: undefined })), [], 'no address at all: no place');
    });

    it('derives the flag an order is written with: several addresses or not', () => {
        assert.deepEqual(shipToFlag(order([line('L1'), line('L2')])), { shipsToSeveralAddresses: false });
        assert.deepEqual(shipToFlag(order([line('L1'), line('L2', AUSTIN)])), { shipsToSeveralAddresses: true });
        assert.deepEqual(shipToFlag(order([line('L1', AUSTIN), line('L2', AUSTIN)])), { shipsToSeveralAddresses: false }, 'both lines elsewhere, but to one place');
    });

    it('reads the stored flag, and derives it for an order stored before the flag existed', () => {
        const several = [line('L1'), line('L2', AUSTIN)];
        assert.equal(shipsToSeveralAddresses(order(several)), true, 'no flag: from the lines');
        assert.equal(shipsToSeveralAddresses(order(several, { shipsToSeveralAddresses: false })), false, 'the flag as written wins');
        assert.equal(shipsToSeveralAddresses(order([line('L1')], { shipsToSeveralAddresses: true })), true);
    });

    it('sends only open orders shipping to several addresses to MarcomCentral for their closeout', () => {
        const several = [line('L1'), line('L2', AUSTIN)];
        assert.equal(closedOutElsewhere(order(several)), true);
        assert.equal(closedOutElsewhere(order(several, { closed: true })), false, 'a closed order has nothing left to close out');
        assert.equal(closedOutElsewhere(order([line('L1'), line('L2')])), false);
    });

    it('explains in words where to close the order out, and what happens to its jobs', () => {
        const reason = closeOutInMarcomCentralReason(order([line('L1'), line('L2', AUSTIN), line('L3', { ...AUSTIN, address1: '1 Main St' })]));
        assert.ok(reason.startsWith(`${CLOSE_OUT_IN_MARCOMCENTRAL}: order 1001 ships to 3 addresses`), reason);
        assert.match(reason, /go on to Retain/);
        assert.equal(retainedForMarcomCentralReason(order([line('L1'), line('L2', AUSTIN)])),
            'Close out in MarcomCentral: order 1001 ships to 2 addresses; the job goes on to Retain');
    });
});
