import { setTimeout as delay } from 'node:timers/promises';
import { OrderInput, RunningSimulator, allSkus, startSimulator } from '@presswork/marcomcentral-simulator';

/** Parent to simulator: place orders evenly over a span, or close and end. */
export type LoadSimulatorCommand = { readonly kind: 'place'; readonly orders: number; readonly spanMs: number } | { readonly kind: 'stop' };

/** Simulator to parent: where it listens; then, after a `place`, how many orders it placed. */
export type LoadSimulatorMessage = { readonly kind: 'ready'; readonly url: string; readonly orderToken: string } | { readonly kind: 'placed'; readonly orders: number };

/**
 * The MarcomCentral store of the load benchmark, in a process of its own as a real store would be:
 * the files and answers it builds never hold up the sessions being measured in the parent.
 */
async function main(): Promise<void> {
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
    process.on('message', (command: LoadSimulatorCommand) => {
        const done = command.kind === 'place'
            ? placeOrders(simulator, command.orders, command.spanMs).then(orders => send({ kind: 'placed', orders }))
            : simulator.close().then(() => process.disconnect());
        done.catch(error => {
            console.error(error);
            process.exit(1);
        });
    });
    await send({ kind: 'ready', url: simulator.url, orderToken: simulator.orderToken });
}

function send(message: LoadSimulatorMessage): Promise<void> {
    return new Promise((resolve, reject) => process.send!(message, error => error ? reject(error) : resolve()));
}

/** Three lines an order, every kind of product in turn, placed evenly over `spanMs`. */
async function placeOrders(simulator: RunningSimulator, orders: number, spanMs: number): Promise<number> {
    const skus = allSkus(simulator.catalog);
    const customers = simulator.catalog.customers.map(customer => customer.loginId);
    const started = Date.now();
    for (let index = 0; index < orders; index++) {
        const due = started + (index * spanMs) / orders;
        if (due > Date.now()) {
            await delay(due - Date.now());
        }
        const input: OrderInput = {
            User: { LoginID: customers[index % customers.length] },
            OrderDetails: [0, 1, 2].map(line => ({ SKU: skus[(index + line * 3) % skus.length].sku.id }))
        };
        await simulator.placeOrder(input);
    }
    return orders;
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
