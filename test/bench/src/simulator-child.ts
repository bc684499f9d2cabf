import { OrderInput, RunningSimulator, allSkus, isPrintable, startSimulator } from '@presswork/marcomcentral-simulator';
import type { SimulatorCommand, SimulatorReady, SimulatorRequest } from './intake-benchmark';

/**
 * The MarcomCentral store of the intake benchmark, in a process of its own as a real store would
 * be: it builds its answers on its own core while Presswork parses and stores on the other. Places
 * the orders through the embedded API, reports where it listens, then waits for `stop`.
 */
async function main(): Promise<void> {
    const request = JSON.parse(process.argv[2]) as SimulatorRequest;
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: request.now });
    const skus = allSkus(simulator.catalog);
    const customers = simulator.catalog.customers.map(customer => customer.loginId);
    const first = request.firstOrderAt === undefined ? Date.now() - request.spanMs - 60_000 : Date.parse(request.firstOrderAt);
    const spacingMs = Math.floor(request.spanMs / request.orders);
    const started = performance.now();
    let lineItems = 0;
    let printable = 0;
    for (let index = 0; index < request.orders; index++) {
        const lines = Array.from({ length: request.linesPerOrder }, (_, line) => skus[(index + line * 3) % skus.length]);
        const input: OrderInput = {
            User: { LoginID: customers[index % customers.length] },
            CreateDate: new Date(first + index * spacingMs).toISOString(),
            // Print files rendered already, as in a store whose backlog waited: Presswork fetches all of them.
            OrderDetails: lines.map(({ sku, product }) => ({ SKU: sku.id, FileReady: isPrintable(product.type) }))
        };
        await simulator.placeOrder(input);
        lineItems += lines.length;
        printable += lines.filter(({ product }) => isPrintable(product.type)).length;
    }
    const ready: SimulatorReady = {
        kind: 'ready',
        url: simulator.url,
        orderToken: simulator.orderToken,
        timeZone: simulator.timeZone,
        orders: request.orders,
        lineItems,
        printableLineItems: printable,
        placeMillis: performance.now() - started
    };
    process.on('message', (command: SimulatorCommand) => {
        if (command.kind === 'stop') {
            stop(simulator).catch(error => {
                console.error(error);
                process.exit(1);
            });
        }
    });
    process.send!(ready);
}

async function stop(simulator: RunningSimulator): Promise<void> {
    await simulator.close();
    process.disconnect();
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
