import { OrderInput } from '../store/order-input';
import { CATALOG } from './catalog';

const wayne = CATALOG.customers.find(customer => customer.loginId === 'jblake')!;

/** Ready-made orders for each case a connector must handle; pass one to `placeOrder`. */
export const SAMPLE_ORDERS = {
    /** Credit card (valid authorization), two printable lines, one ship-to. */
    cardSingleShipTo: {
        User: { LoginID: 'plee' },
        OrderDetails: [{ SKU: '13933967', Quantity: 500 }, { SKU: '13933980', Quantity: 1000 }]
    },
    /** Credit card, three lines to three different addresses, one of them a stocked item. */
    multiShipTo: {
        User: { LoginID: 'jblake' },
        OrderDetails: [
            { SKU: '15302443', Quantity: 250, Shipping: { Address: wayne.shippingAddresses[0] } },
            { SKU: '13933968', Quantity: 250, Shipping: { Address: wayne.shippingAddresses[1] } },
            { SKU: '17000101', Quantity: 2, Shipping: { Address: wayne.shippingAddresses[2] } }
        ]
    },
    /** Purchase order: a printable and a stocked line. */
    purchaseOrder: {
        User: { LoginID: 'srivera' },
        OrderDetails: [{ SKU: '15302450', Quantity: 500 }, { SKU: '17000102', Quantity: 25 }]
    },
    /** Cost-centre billing. */
    costCenter: {
        User: { LoginID: 'dkim' },
        OrderDetails: [{ SKU: '13933967', Quantity: 250 }]
    },
    /** Billed by invoice. */
    invoiceBilling: {
        User: { LoginID: 'cmoreau' },
        OrderDetails: [{ SKU: '15302443', Quantity: 100 }]
    },
    /** Credit card whose authorization expired before the order reached the print shop. */
    expiredCard: {
        User: { LoginID: 'anguyen' },
        OrderDetails: [{ SKU: '13933967', Quantity: 250 }]
    },
    /** Only a stocked item: nothing to print, no job ticket, no file. */
    stockedOnly: {
        User: { LoginID: 'srivera' },
        OrderDetails: [{ SKU: '17000101', Quantity: 5 }]
    }
} satisfies Record<string, OrderInput>;

export type SampleOrderName = keyof typeof SAMPLE_ORDERS;
