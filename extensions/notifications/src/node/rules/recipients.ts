import { inject, injectable } from '@theia/core/shared/inversify';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { MAX_RECIPIENTS, type EmailRecipients } from '../../common/notifications-protocol';

export interface ResolvedRecipients {
    /** Each address once, case aside. */
    readonly addresses: string[];
    /** Who was left out and why, in words, for the delivery log. */
    readonly notes: string[];
}

/** A rule's e-mail recipients as addresses: its users' (those with one), its fixed ones, the order's customer. */
@injectable()
export class RecipientResolver {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    resolve(recipients: EmailRecipients, event: Pick<PressworkEvent, 'payload'>): ResolvedRecipients {
        const addresses = new Map<string, string>();
        const notes: string[] = [];
        const add = (address: string): void => { addresses.set(address.toLowerCase(), address); };
        for (const userId of recipients.userIds) {
            const user = this.store.get(UsersCollection, userId);
            if (!user) {
                notes.push(`A user named in the rule no longer exists (${userId})`);
            } else if (!user.email) {
                notes.push(`${user.name} has no e-mail address`);
            } else {
                add(user.email);
            }
        }
        recipients.addresses.forEach(add);
        if (recipients.customer) {
            const customer = this.customerOf(event.payload as { orderId?: unknown });
            if (customer.address) {
                add(customer.address);
            } else {
                notes.push(customer.note ?? 'The order has no customer e-mail address');
            }
        }
        return { addresses: [...addresses.values()].slice(0, MAX_RECIPIENTS * 2), notes };
    }

    protected customerOf(payload: { orderId?: unknown }): { address?: string; note?: string } {
        const order = typeof payload.orderId === 'string' ? this.store.get(OrdersCollection, payload.orderId) : undefined;
        if (!order) {
            return { note: 'The order is not in Presswork, so its customer could not be mailed' };
        }
        const parsed = EmailAddressSchema.safeParse(order.customer.email ?? '');
        return parsed.success ? { address: parsed.data } : { note: `Order ${order.orderNumber} has no usable customer e-mail address` };
    }
}
