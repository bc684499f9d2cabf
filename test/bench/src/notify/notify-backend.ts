import type { Container } from '@theia/core/shared/inversify';
import { EventPublisher } from '@presswork/platform/lib/common/event-source-contribution';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { DocumentStore, type FileDocumentStore } from '@presswork/platform/lib/node/store';
import notificationsBackendModule from '@presswork/notifications/lib/node/notifications-backend-module';
import { NotificationsEventsStartup } from '@presswork/notifications/lib/node/events/notifications-events-startup';
import { FileEventJournal } from '@presswork/notifications/lib/node/journal/file-event-journal';
import { EndpointsCollection } from '@presswork/notifications/lib/node/notifications-collections';
import { DeliveryIds } from '@presswork/notifications/lib/node/rules/delivery-ids';
import { SmtpMailer } from '@presswork/notifications/lib/node/email/smtp-mailer';
import { RulesLifecycle } from '@presswork/notifications/lib/node/rules/rules-lifecycle';
import { sealText } from '@presswork/notifications/lib/node/sealed-text';
import { backendContainer } from '../backend-container';

/** The one webhook endpoint of the notifications benchmark and crash test. */
export const NOTIFY_ENDPOINT_ID = 'bench-endpoint';
/** The event the fixture publishes: one no document carries, published as connections do. */
export const NOTIFY_EVENT = 'connection.failing';
/** Connections the fixture's events are about (storm control keys on the subject; webhooks have none). */
const CONNECTIONS = 50;

/** Notifications' real backend module over a data folder, as `npm start` loads it (platform's beside it). */
export function notificationsContainer(dataFolder: string, logger: object): Container {
    return backendContainer({ dataFolder, logger, modules: [notificationsBackendModule] });
}

export interface RunningNotifications {
    readonly store: FileDocumentStore;
    readonly publisher: EventPublisher;
    stop(): Promise<void>;
}

/**
 * Starts notifications as the backend does: the store opened, the journal replayed and the missed
 * events derived (then ready), the sender taking up pending deliveries, the dispatcher reading
 * from its position. `prepare` runs once the store is open, before anything is dispatched.
 */
export async function startNotifications(container: Container, prepare: (store: FileDocumentStore) => Promise<void> = async () => undefined): Promise<RunningNotifications> {
    const store = container.get<FileDocumentStore>(DocumentStore);
    await store.ready;
    await prepare(store);
    const events = container.get(NotificationsEventsStartup);
    events.initialize();
    await container.get(FileEventJournal).ready;
    const rules = container.get(RulesLifecycle);
    await rules.start();
    return {
        store,
        publisher: container.get<EventPublisher>(EventPublisher),
        stop: async () => {
            await rules.stop();
            container.get(SmtpMailer).onStop();
            events.onStop();
            await container.get(FileEventJournal).close();
            await store.close();
        }
    };
}

/** The enabled endpoint at `url` wanting the fixture's event, made once (a restart finds it). */
export async function ensureEndpoint(container: Container, store: FileDocumentStore, url: string): Promise<void> {
    if (store.get(EndpointsCollection, NOTIFY_ENDPOINT_ID)) {
        return;
    }
    const now = new Date().toISOString();
    await store.create(EndpointsCollection, {
        id: NOTIFY_ENDPOINT_ID, name: 'Bench receiver', url, enabled: true, events: [NOTIFY_EVENT],
        sealedSecret: sealText(container.get(SecretBox), 'bench-signing-secret'), createdAt: now, updatedAt: now
    });
}

/** Event `index` of the fixture: its id fixed by its index, so publishing it again journals nothing. */
export function notifyEvent(index: number, at = new Date().toISOString()): PressworkEventDraft<'connection.failing'> {
    const connection = index % CONNECTIONS;
    return {
        id: `bench.connection.failing:${index}`, name: NOTIFY_EVENT, at, subject: `connection:bench-${connection}`,
        payload: { connectionId: `bench-${connection}`, connection: `Store ${connection}`, since: at, reason: `The store answered 503 Service Unavailable (event ${index})` }
    };
}

export function notifyEventId(index: number): string {
    return `bench.connection.failing:${index}`;
}

/** The delivery of fixture event `index` to the endpoint (also its Idempotency-Key). */
export function endpointDeliveryId(index: number): string {
    return DeliveryIds.ofEndpointEvent(NOTIFY_ENDPOINT_ID, notifyEventId(index));
}
