import { ContainerModule } from '@theia/core/shared/inversify';

/** Notifications' frontend: the Notifications view (rules, e-mail settings, webhooks, delivery log). */
export default new ContainerModule(() => {
    // The Notifications view is bound here.
});
