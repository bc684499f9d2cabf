import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from '@theia/core/shared/express';
import type { Container } from '@theia/core/shared/inversify';
import { ApplicationPackage } from '@theia/core/shared/@theia/application-package';
import { BackendApplicationContribution, EarlyExpressMiddleware } from '@theia/core/lib/node/backend-application';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { DocumentDelta } from '@presswork/platform/lib/common/change-feed-protocol';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { ChangeFeedHub } from '@presswork/platform/lib/node/change-feed/change-feed-hub';
import closeoutBackendModule from '@presswork/closeout/lib/node/closeout-backend-module';
import connectionsBackendModule from '@presswork/connections/lib/node/connections-backend-module';
import jobsBackendModule from '@presswork/jobs/lib/node/jobs-backend-module';
import outputBackendModule from '@presswork/output/lib/node/output-backend-module';
import workflowBackendModule from '@presswork/workflow/lib/node/workflow-backend-module';
import { backendContainer } from '../backend-container';
import type { CountingLogger } from '../engine-backend';

const BROWSER_APP = path.resolve(__dirname, '..', '..', '..', '..', 'host', 'browser-app');

/**
 * Presswork's backend as `npm start` composes it: platform's and every feature's real backend
 * module (connections, workflow, jobs, closeout, output), over a data folder. Only what
 * `backendContainer` overrides differs, and the two Theia services a Theia application binds that a
 * container of modules alone lacks (the early middleware list, the application package).
 */
export function pressworkContainer(dataFolder: string, logger: CountingLogger): Container {
    const container = backendContainer({
        dataFolder, logger,
        modules: [connectionsBackendModule, workflowBackendModule, jobsBackendModule, closeoutBackendModule, outputBackendModule]
    });
    container.bind(EarlyExpressMiddleware).toSelf().inSingletonScope();
    container.bind(ApplicationPackage).toConstantValue(new ApplicationPackage({ projectPath: BROWSER_APP }));
    return container;
}

export interface RunningBackend {
    readonly url: string;
    /** Deltas the change feed sent to the one browser that follows it. */
    readonly feed: { deltas: number; messages: number };
    stop(): Promise<void>;
}

/**
 * Starts the backend the way Theia's BackendApplication does: every BackendApplicationContribution's
 * `initialize`, then `configure` on an express application, an HTTP server on a loopback port, then
 * `onStart` (the engine, the poller, the printer monitor and follower where they are contributions).
 * A failing contribution is counted as an error, as Theia logs it and goes on. One browser follows
 * the change feed as an administrator, so that each committed change is projected and sent.
 */
export async function startBackend(container: Container, logger: CountingLogger, administrator: User): Promise<RunningBackend> {
    const contributions = container.getAll<BackendApplicationContribution>(BackendApplicationContribution);
    const each = async (phase: string, call: (contribution: BackendApplicationContribution) => unknown, order = contributions): Promise<void> => {
        for (const contribution of order) {
            try {
                await call(contribution);
            } catch (error) {
                logger.error(`${contribution.constructor.name}.${phase} failed`, error);
            }
        }
    };
    await each('initialize', contribution => contribution.initialize?.());
    const app = express();
    for (const handler of container.get(EarlyExpressMiddleware).handlers) {
        app.use(handler);
    }
    await each('configure', contribution => contribution.configure?.(app));
    const server = http.createServer(app);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    await each('onStart', contribution => contribution.onStart?.(server));

    const feed = { deltas: 0, messages: 0 };
    const subscriber = {
        caller: { user: () => administrator, sessionId: 'bench-browser' },
        client: {
            onDidCommit: (deltas: DocumentDelta[]) => {
                feed.messages++;
                feed.deltas += deltas.length;
                // As the wire would: the deltas are serialized for the browser.
                JSON.stringify(deltas);
            }
        },
        collections: new Set<string>(Object.values(CollectionNames))
    };
    const hub = container.get(ChangeFeedHub);
    hub.add(subscriber as unknown as Parameters<ChangeFeedHub['add']>[0]);
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        feed,
        stop: async () => {
            hub.remove(subscriber as unknown as Parameters<ChangeFeedHub['remove']>[0]);
            // Last started, first stopped: the store (platform's, started first) closes after the engine stopped.
            await each('onStop', contribution => contribution.onStop?.(), [...contributions].reverse());
            await new Promise<void>(resolve => server.close(() => resolve()));
        }
    };
}
