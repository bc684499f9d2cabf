import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CATALOG } from '../catalog/catalog';
import { OrderInput } from '../store/order-input';
import { OrderView } from '../store/order-view';
import { StateStore } from '../store/state-store';
import { SimulatorClock } from '../clock';
import { FaultInjector } from '../faults/fault-injector';
import { RequestLog } from '../http/request-log';
import { SimulatorCore } from '../simulator-core';
import { StoreTimeZone } from '../soap/store-time-zone';
import { TokenPolicy } from '../soap/token-policy';
import { DemoOrderGenerator, demoOrderInput, seededRandom } from './demo-order-generator';

function core(): SimulatorCore {
    const tokens = new TokenPolicy('o', 'c', true);
    return new SimulatorCore({
        store: StateStore.empty(), clock: new SimulatorClock(), timeZone: new StoreTimeZone(), tokens,
        faults: new FaultInjector(), log: new RequestLog(() => tokens.all), catalog: CATALOG, hideFileUrlUntilReady: false
    });
}

describe('demo orders', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: new Date('2026-11-26T16:00:00Z'), toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    });

    afterEach(() => clock.restore());

    it('places an order every interval and makes each printable file ready a few seconds later', async () => {
        const target = core();
        const placed: OrderView[] = [];
        const placeOrder = sinon.spy(async (input: OrderInput) => {
            const order = await target.placeOrder(input);
            placed.push(order);
            return order;
        });
        const markFileReady = sinon.spy((lineItemId: string) => target.markFileReady(lineItemId));
        const generator = new DemoOrderGenerator({ placeOrder, markFileReady }, CATALOG, { intervalMs: 30_000, random: seededRandom(7) });
        generator.start();
        await clock.tickAsync(29_999);
        assert.equal(placeOrder.callCount, 0);
        await clock.tickAsync(1);
        assert.equal(placeOrder.callCount, 1);
        const printable = placed[0].OrderDetails.filter(line => line.JobTicket).map(line => line.ID);
        assert.equal(markFileReady.callCount, 0, 'not ready at once');
        await clock.tickAsync(6_000);
        assert.deepEqual(markFileReady.args.map(([id]) => id).sort(), printable.sort());
        await clock.tickAsync(60_000);
        assert.equal(placeOrder.callCount, 3);
        generator.stop();
        await clock.tickAsync(120_000);
        assert.equal(placeOrder.callCount, 3, 'stopped');
        assert.equal(target.store.orders.length, 3);
    });

    it('draws varied, valid orders from the catalog', async () => {
        const random = seededRandom(42);
        const target = core();
        const customers = new Set<string>();
        const skus = new Set<string>();
        const paymentMethods = new Set<string>();
        let multiShipTo = 0;
        for (let draw = 0; draw < 200; draw += 1) {
            const order = await target.placeOrder(demoOrderInput(CATALOG, random));
            customers.add(order.User.LoginID);
            paymentMethods.add(order.PaymentMethod);
            order.OrderDetails.forEach(line => skus.add(line.SKU.ID));
            if (new Set(order.OrderDetails.map(line => line.Shipping.Address.Address1)).size > 1) {
                multiShipTo += 1;
            }
        }
        assert.equal(customers.size, CATALOG.customers.length);
        assert.deepEqual([...paymentMethods].sort(), ['CostCenter', 'CreditCard', 'Invoice', 'PurchaseOrder']);
        assert.equal(skus.size, CATALOG.products.flatMap(product => product.skus).length);
        assert.ok(multiShipTo > 0, 'some orders ship to several addresses');
    });
});
