import { nls } from '@theia/core/lib/common/nls';
import type { Address } from '@presswork/platform/lib/common/order-schema';
import { formatDateTime as formatMoment, formatMoney as formatAmount } from '@presswork/platform/lib/common/presswork-format';
import type { PaymentView } from '../common/closeout-protocol';

/**
 * How the closeout dialogs write amounts, addresses and payment: plain strings, no DOM, so the
 * same text is shown in the dialogs and checked by the tests.
 */

/** An amount with its currency, e.g. `$1,234.50`; two decimals without one; a dash when unknown. */
export function formatMoney(amount: number | undefined, currency?: string): string {
    return formatAmount(amount, currency) || '—';
}

/** An address as the lines of a label: company, attention, street, "city, state zip", country, contact. */
export function addressLines(address: Address | undefined): string[] {
    if (!address) {
        return [];
    }
    const place = [[address.city, address.state].filter(Boolean).join(', '), address.zip].filter(Boolean).join(' ');
    return [
        address.companyName, address.attn && nls.localize('presswork/closeout/attention', 'Attn: {0}', address.attn),
        address.address1, address.address2, address.address3, address.address4,
        place, address.country, address.phoneNumber, address.email
    ].filter((line): line is string => !!line && line.trim().length > 0);
}

/** The warning shown beside a card authorization that has expired or expires within 24 hours. */
export function authorizationWarning(payment: PaymentView): string | undefined {
    switch (payment.authorizationWarning) {
        case 'expired': return nls.localize('presswork/closeout/authorizationExpired', 'The card authorization has expired: settlement will be refused until the customer authorizes the card again.');
        case 'expiring': return nls.localize('presswork/closeout/authorizationExpiring', 'The card authorization expires within 24 hours: close the order out before it does.');
        default: return undefined;
    }
}

/** A timestamp in the operator's locale; the text as it came when it is not a date; a dash when there is none. */
export function formatDateTime(timestamp: string | undefined): string {
    return formatMoment(timestamp) || '—';
}
