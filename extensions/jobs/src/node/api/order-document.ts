import type { CreditCard, Order } from '@presswork/platform/lib/common/order-schema';
import type { JobRow } from '../../common/job-row';

/** An order as the read API answers it: its jobs as rows, the card's authorization and confirmation numbers masked. */
export type OrderDocument = Omit<Order, 'jobs' | 'log'> & { readonly jobs: JobRow[] };

/** The last four characters, the rest hidden: enough to match a receipt, not to reuse. */
export function maskAuthorization(value: string | undefined): string | undefined {
    return value === undefined ? undefined : `****${value.length > 4 ? value.slice(-4) : ''}`;
}

export function orderDocumentOf(order: Order, jobs: JobRow[]): OrderDocument {
    const { jobs: _jobs, log: _log, creditCard, ...rest } = order;
    const card: CreditCard | undefined = creditCard && {
        ...creditCard,
        authorizationNumber: maskAuthorization(creditCard.authorizationNumber),
        confirmationNumber: maskAuthorization(creditCard.confirmationNumber)
    };
    return { ...rest, ...(card ? { creditCard: card } : {}), jobs };
}
