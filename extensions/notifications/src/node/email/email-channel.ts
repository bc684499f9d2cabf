import { inject, injectable } from '@theia/core/shared/inversify';
import { z } from 'zod';
import type { ChannelDelivery, ChannelOutcome, NotificationChannelContribution } from '@presswork/platform/lib/common/notification-channel-contribution';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import { MAX_RECIPIENTS } from '../../common/notifications-protocol';
import { SmtpMailer, textAsHtml } from './smtp-mailer';

const EmailDestinationSchema = z.object({ addresses: z.array(EmailAddressSchema).min(1).max(MAX_RECIPIENTS * 2) });

/** The Message-ID of a delivery: the same on every attempt and on Redeliver. */
export function messageIdOf(deliveryId: string): string {
    return `<${deliveryId}@presswork>`;
}

/** E-mail through SMTP: one message to all of a delivery's addresses, plain text and HTML. */
@injectable()
export class EmailChannel implements NotificationChannelContribution {
    readonly kind = 'email';

    @inject(SmtpMailer) protected readonly mailer: SmtpMailer;

    async deliver(delivery: ChannelDelivery): Promise<ChannelOutcome> {
        const destination = EmailDestinationSchema.safeParse(delivery.destination);
        if (!destination.success) {
            return { ok: false, retryable: false, reason: 'the delivery names no valid e-mail address' };
        }
        const { subject, text, html } = delivery.message;
        return this.mailer.send({
            to: destination.data.addresses,
            subject,
            text,
            html: html ?? textAsHtml(text),
            messageId: messageIdOf(delivery.id)
        }, delivery.signal);
    }
}
