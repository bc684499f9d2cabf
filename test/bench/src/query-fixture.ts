import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { JOB_STATES, PHASES } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { defaultWorkflows } from '@presswork/platform/lib/node/defaults/default-workflows';
import { OrdersCollection, WorkflowsCollection, shardOf } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { orderIdAt } from './order-store-fixture';
import { seededRandom } from './statistics';

export const QUERY_ORDERS = 30_000;
/** Every third order has four jobs, the others three: 100,000 jobs in 30,000 orders. */
export const jobsOfOrder = (index: number): number => index % 3 === 0 ? 4 : 3;
export const QUERY_JOBS = Array.from({ length: QUERY_ORDERS }, (_, index) => jobsOfOrder(index + 1)).reduce((sum, jobs) => sum + jobs, 0);

/** Fifty family names: a text filter on one matches about 2% of the jobs. */
export const SURNAMES = Array.from({ length: 50 }, (_, index) => `${['Lovelace', 'Hopper', 'Turing', 'Knuth', 'Liskov'][index % 5]}${index < 5 ? '' : index}`);
export const WORKFLOW_IDS = ['wf-cards', 'wf-flyers', 'wf-posters', 'wf-banners', 'wf-books'];

/** Orders as varied as a shop's: customers, states, phases, workflows, copies and times all differ. */
export function queryOrderAt(index: number, random: () => number): Omit<Order, 'version'> {
    const sample = sampleOrder(orderIdAt(index), jobsOfOrder(index));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const receivedAt = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
    const { version: _version, ...order } = sample;
    return {
        ...order,
        customer: { firstName: pick(['Ada', 'Grace', 'Alan', 'Donald', 'Barbara']), lastName: pick(SURNAMES) },
        receivedAt,
        jobs: sample.jobs.map(job => ({
            ...job,
            name: `${pick(['Business cards', 'Flyers', 'Posters', 'Banners', 'Booklets'])} ${job.id}`,
            state: pick(JOB_STATES),
            phase: pick(PHASES),
            workflowId: pick(WORKFLOW_IDS),
            copies: 1 + Math.floor(random() * 1000),
            receivedAt,
            updatedAt: receivedAt
        }))
    };
}

/** Writes the store straight to disk in its own layout, as `writeOrderStore` does (no fsync: the fixture's durability does not matter). */
export async function writeQueryStore(folder: string): Promise<void> {
    const random = seededRandom(42);
    const template = defaultWorkflows(new Date(Date.UTC(2025, 0, 1)).toISOString())[0];
    const documents: { collection: string, id: string, body: unknown }[] = WORKFLOW_IDS.map((id, index) => ({
        collection: WorkflowsCollection.name, id, body: { ...template, id, name: `Workflow ${index + 1}`, version: 1 }
    }));
    for (let index = 1; index <= QUERY_ORDERS; index++) {
        const order = queryOrderAt(index, random);
        documents.push({ collection: OrdersCollection.name, id: order.id, body: { ...order, version: 1 } });
    }
    const folders = new Set(documents.map(({ collection, id }) => path.join(folder, collection, shardOf(id))));
    await Promise.all([...folders].map(shard => fs.mkdir(shard, { recursive: true })));
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < documents.length) {
            const { collection, id, body } = documents[next++];
            await fs.writeFile(path.join(folder, collection, shardOf(id), `${id}.json`), JSON.stringify(body));
        }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
}
