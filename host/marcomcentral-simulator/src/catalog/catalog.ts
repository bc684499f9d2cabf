import type { Address, PaymentMethod } from '../store/model';

/**
 * The store's catalog: products with their SKUs, customers with their payment methods and
 * addresses, and the seller. Small, but it covers every case a connector meets: each printable
 * product type, stocked items, every payment method, several ship-to addresses and a card whose
 * authorization has already expired. Exported so production templates can be made for it.
 */

export type CatalogProductType = 'Versioned' | 'Variable' | 'JobDirect' | 'Static';

export interface CatalogSku {
    /** Printable SKU id: `SKU/ID` in orders. */
    readonly id: string;
    /** `SKU/Name`. */
    readonly name: string;
    readonly description: string;
    readonly unitPrice: string;
    readonly quantities: readonly number[];
    readonly pageCount: number;
    /** Flat shipping charge per line. */
    readonly shipping: string;
    readonly finishingOptions: readonly { readonly Name: string; readonly Value: string }[];
    readonly paperDescription: string;
    readonly pressInstructions: string;
    readonly binderyInstructions: string;
    /** Stocked (Static) SKUs only: units on hand when the store opens. */
    readonly initialStock?: number;
}

export interface CatalogProduct {
    /** `ProductID` in orders. */
    readonly id: string;
    readonly name: string;
    /** HTML, as MarcomCentral stores product descriptions. */
    readonly description: string;
    readonly type: CatalogProductType;
    readonly skus: readonly CatalogSku[];
}

export interface CatalogCreditCard {
    readonly ccType: string;
    /** Days from order to authorization expiry; negative means it expired before the order was taken. */
    readonly authorizationValidDays: number;
}

export interface CatalogCustomer {
    readonly userId: string;
    readonly loginId: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly email: string;
    readonly company: { readonly id: string; readonly name: string };
    /** Order numbers read `<prefix>-<sequence>`. */
    readonly orderPrefix: string;
    readonly paymentMethod: PaymentMethod;
    readonly creditCard?: CatalogCreditCard;
    /** Sales tax rate as a decimal string. */
    readonly taxRate: string;
    readonly billingAddress: Address;
    /** The first is the default ship-to; more than one allows orders shipped to several places. */
    readonly shippingAddresses: readonly Address[];
}

export interface Catalog {
    readonly seller: { readonly id: string; readonly name: string };
    readonly currency: string;
    readonly shippingMethods: readonly string[];
    readonly products: readonly CatalogProduct[];
    readonly customers: readonly CatalogCustomer[];
}

const PRINT_SHIPPING = '12.50';

export const CATALOG: Catalog = {
    seller: { id: '77', name: 'Presswork Demo Print Co' },
    currency: 'USD',
    shippingMethods: ['UPS Ground', 'UPS 2nd Day Air', 'FedEx Priority Overnight', 'Customer Pickup'],
    products: [
        {
            id: '44101', name: 'Business Cards', type: 'Versioned',
            description: '<p>Full-colour business cards, <b>3.5 &times; 2 in</b>, printed both sides.</p>',
            skus: [
                {
                    id: '13933967', name: 'BC-MATTE-14PT', description: 'Business cards, 14 pt matte, 4/4',
                    unitPrice: '0.09', quantities: [250, 500, 1000], pageCount: 2, shipping: PRINT_SHIPPING,
                    finishingOptions: [{ Name: 'Corners', Value: 'Square' }],
                    paperDescription: '14 pt C2S matte cover', pressInstructions: '4/4 CMYK, 21-up on 12 × 18 in',
                    binderyInstructions: 'Cut to 3.5 × 2 in, shrink-wrap in 250s'
                },
                {
                    id: '13933968', name: 'BC-SOFTTOUCH-16PT', description: 'Business cards, 16 pt soft-touch laminated, 4/4',
                    unitPrice: '0.14', quantities: [250, 500, 1000], pageCount: 2, shipping: PRINT_SHIPPING,
                    finishingOptions: [{ Name: 'Corners', Value: 'Rounded 1/8 in' }, { Name: 'Lamination', Value: 'Soft-touch' }],
                    paperDescription: '16 pt C2S silk cover', pressInstructions: '4/4 CMYK, 21-up on 12 × 18 in',
                    binderyInstructions: 'Laminate both sides, cut, round corners, shrink-wrap in 250s'
                }
            ]
        },
        {
            id: '44102', name: 'Event Postcard', type: 'Variable',
            description: '<p>Personalised 6 &times; 4 in postcard with the recipient&#39;s name &amp; address.</p>',
            skus: [{
                id: '15302443', name: 'PC-6X4-VDP', description: 'Postcard 6 × 4 in, variable data, 4/1',
                unitPrice: '0.65', quantities: [100, 250, 500], pageCount: 2, shipping: PRINT_SHIPPING,
                finishingOptions: [{ Name: 'Coating', Value: 'UV gloss front' }],
                paperDescription: '14 pt C1S gloss cover', pressInstructions: '4/1, variable data on back, 4-up on 13 × 19 in',
                binderyInstructions: 'Cut to 6 × 4 in, keep mailing sequence'
            }]
        },
        {
            id: '44103', name: 'Trifold Brochure', type: 'JobDirect',
            description: '<p>Customer-supplied artwork, letter size, folded to 8.5 &times; 3.67 in.</p>',
            skus: [{
                id: '15302450', name: 'BRO-TRI-LTR', description: 'Trifold brochure, letter, 100 lb gloss text, 4/4',
                unitPrice: '0.85', quantities: [100, 250, 500, 1000], pageCount: 2, shipping: PRINT_SHIPPING,
                finishingOptions: [{ Name: 'Fold', Value: 'Letter fold' }],
                paperDescription: '100 lb gloss text', pressInstructions: '4/4 CMYK, 2-up on 12 × 18 in',
                binderyInstructions: 'Score and letter-fold, band in 50s'
            }]
        },
        {
            id: '44104', name: 'Letterhead', type: 'Versioned',
            description: '<p>Corporate letterhead, US letter, 24 lb writing.</p>',
            skus: [{
                id: '13933980', name: 'LH-LTR-24LB', description: 'Letterhead, US letter, 24 lb, 4/0',
                unitPrice: '0.11', quantities: [500, 1000, 2500], pageCount: 1, shipping: PRINT_SHIPPING,
                finishingOptions: [],
                paperDescription: '24 lb bright white writing', pressInstructions: '4/0 CMYK, 1-up on letter',
                binderyInstructions: 'Box in 500s'
            }]
        },
        {
            id: '44201', name: 'Branded Pens', type: 'Static',
            description: '<p>Blue ballpoint pens with the company logo, box of 50.</p>',
            skus: [{
                id: '17000101', name: 'PEN-BLUE-BOX50', description: 'Logo pens, blue ink, box of 50',
                unitPrice: '24.00', quantities: [1, 2, 5, 10], pageCount: 0, shipping: '8.00',
                finishingOptions: [], paperDescription: '', pressInstructions: '', binderyInstructions: '',
                initialStock: 40
            }]
        },
        {
            id: '44202', name: 'Product Catalogue 2026', type: 'Static',
            description: '<p>Pre-printed 2026 product catalogue, 48 pages, perfect bound.</p>',
            skus: [{
                id: '17000102', name: 'CAT-2026-PRINTED', description: 'Product catalogue 2026, pre-printed stock',
                unitPrice: '3.50', quantities: [10, 25, 50], pageCount: 48, shipping: '15.00',
                finishingOptions: [], paperDescription: '', pressInstructions: '', binderyInstructions: '',
                initialStock: 60
            }]
        }
    ],
    customers: [
        {
            userId: '5501', loginId: 'plee', firstName: 'Pat', lastName: 'Lee', email: 'pat.lee@acme.example',
            company: { id: '17351', name: 'Acme Corporation' }, orderPrefix: 'ACME',
            paymentMethod: 'CreditCard', creditCard: { ccType: 'Visa', authorizationValidDays: 30 }, taxRate: '0.0725',
            billingAddress: {
                Address1: '100 Market Street', Address2: 'Suite 400', City: 'San Francisco', State: 'CA', Zip: '94105',
                Country: 'US', CompanyName: 'Acme Corporation', Attn: 'Accounts Payable', PhoneNumber: '+1 415 555 0100',
                Email: 'ap@acme.example'
            },
            shippingAddresses: [{
                Address1: '100 Market Street', Address2: 'Suite 400', City: 'San Francisco', State: 'CA', Zip: '94105',
                Country: 'US', CompanyName: 'Acme Corporation', Attn: 'Pat Lee', PhoneNumber: '+1 415 555 0101'
            }]
        },
        {
            userId: '5502', loginId: 'srivera', firstName: 'Sam', lastName: 'Rivera', email: 'sam.rivera@globex.example',
            company: { id: '17352', name: 'Globex Logistics' }, orderPrefix: 'GLBX',
            paymentMethod: 'PurchaseOrder', taxRate: '0.0625',
            billingAddress: {
                Address1: '2200 Ross Avenue', City: 'Dallas', State: 'TX', Zip: '75201', Country: 'US',
                CompanyName: 'Globex Logistics', Attn: 'Purchasing', PhoneNumber: '+1 214 555 0150'
            },
            shippingAddresses: [
                {
                    Address1: '2200 Ross Avenue', City: 'Dallas', State: 'TX', Zip: '75201', Country: 'US',
                    CompanyName: 'Globex Logistics', Attn: 'Sam Rivera'
                },
                {
                    Address1: '8100 Warehouse Row', Address2: 'Dock 7', City: 'Fort Worth', State: 'TX', Zip: '76106',
                    Country: 'US', CompanyName: 'Globex Logistics', Attn: 'Receiving'
                }
            ]
        },
        {
            userId: '5503', loginId: 'dkim', firstName: 'Dana', lastName: 'Kim', email: 'dana.kim@initech.example',
            company: { id: '17353', name: 'Initech' }, orderPrefix: 'INIT',
            paymentMethod: 'CostCenter', taxRate: '0.0600',
            billingAddress: {
                Address1: '4120 Freidrich Lane', City: 'Austin', State: 'TX', Zip: '78744', Country: 'US',
                CompanyName: 'Initech', Attn: 'Cost centre 4410'
            },
            shippingAddresses: [{
                Address1: '4120 Freidrich Lane', City: 'Austin', State: 'TX', Zip: '78744', Country: 'US',
                CompanyName: 'Initech', Attn: 'Dana Kim'
            }]
        },
        {
            userId: '5504', loginId: 'cmoreau', firstName: 'Chris', lastName: 'Moreau', email: 'chris.moreau@umbrella.example',
            company: { id: '17354', name: 'Umbrella Health' }, orderPrefix: 'UMBR',
            paymentMethod: 'Invoice', taxRate: '0.0000',
            billingAddress: {
                Address1: '1 Raccoon Plaza', City: 'Portland', State: 'OR', Zip: '97204', Country: 'US',
                CompanyName: 'Umbrella Health', Attn: 'Finance'
            },
            shippingAddresses: [{
                Address1: '1 Raccoon Plaza', Address2: 'Marketing, 3rd floor', City: 'Portland', State: 'OR', Zip: '97204',
                Country: 'US', CompanyName: 'Umbrella Health', Attn: 'Chris Moreau'
            }]
        },
        {
            userId: '5505', loginId: 'anguyen', firstName: 'Alex', lastName: 'Nguyen', email: 'alex.nguyen@stark.example',
            company: { id: '17355', name: 'Stark Retail' }, orderPrefix: 'STRK',
            // The authorization lapsed before the order reached the print shop: settlement must be refused (403).
            paymentMethod: 'CreditCard', creditCard: { ccType: 'MasterCard', authorizationValidDays: -1 }, taxRate: '0.0875',
            billingAddress: {
                Address1: '500 Fifth Avenue', City: 'New York', State: 'NY', Zip: '10110', Country: 'US',
                CompanyName: 'Stark Retail', Attn: 'Alex Nguyen'
            },
            shippingAddresses: [{
                Address1: '500 Fifth Avenue', Address2: 'Floor 12', City: 'New York', State: 'NY', Zip: '10110',
                Country: 'US', CompanyName: 'Stark Retail', Attn: 'Alex Nguyen'
            }]
        },
        {
            userId: '5506', loginId: 'jblake', firstName: 'Jordan', lastName: 'Blake', email: 'jordan.blake@wayne.example',
            company: { id: '17356', name: 'Wayne Foundation' }, orderPrefix: 'WAYN',
            paymentMethod: 'CreditCard', creditCard: { ccType: 'AmericanExpress', authorizationValidDays: 7 }, taxRate: '0.0663',
            billingAddress: {
                Address1: '1007 Mountain Drive', City: 'Gotham', State: 'NJ', Zip: '07001', Country: 'US',
                CompanyName: 'Wayne Foundation', Attn: 'Grants Office'
            },
            // Branch offices: orders from this customer may ship lines to different places.
            shippingAddresses: [
                {
                    Address1: '1007 Mountain Drive', City: 'Gotham', State: 'NJ', Zip: '07001', Country: 'US',
                    CompanyName: 'Wayne Foundation', Attn: 'Jordan Blake', PhoneNumber: '+1 201 555 0199'
                },
                {
                    Address1: '25 Harbor Street', City: 'Bristol', State: 'RI', Zip: '02809', Country: 'US',
                    CompanyName: 'Wayne Foundation — Bristol office', Attn: 'Front desk'
                },
                {
                    Address1: '344 Clinton Street', Address2: 'Apt. 3D', City: 'Metropolis', State: 'IL', Zip: '62960',
                    Country: 'US', CompanyName: 'Wayne Foundation — Metropolis office', Attn: "Morgan O'Neil"
                }
            ]
        }
    ]
};

export interface CatalogSkuEntry {
    readonly product: CatalogProduct;
    readonly sku: CatalogSku;
}

export function allSkus(catalog: Catalog = CATALOG): CatalogSkuEntry[] {
    return catalog.products.flatMap(product => product.skus.map(sku => ({ product, sku })));
}

/** By SKU id or SKU name. */
export function findSku(key: string, catalog: Catalog = CATALOG): CatalogSkuEntry | undefined {
    return allSkus(catalog).find(entry => entry.sku.id === key || entry.sku.name === key);
}

export function findProduct(productId: string, catalog: Catalog = CATALOG): CatalogProduct | undefined {
    return catalog.products.find(product => product.id === productId);
}

export function findCustomer(loginId: string, catalog: Catalog = CATALOG): CatalogCustomer | undefined {
    return catalog.customers.find(customer => customer.loginId === loginId);
}

/** Units on hand for every stocked SKU when the store opens. */
export function initialStock(catalog: Catalog = CATALOG): Record<string, number> {
    const stock: Record<string, number> = {};
    for (const { sku } of allSkus(catalog)) {
        if (sku.initialStock !== undefined) {
            stock[sku.id] = sku.initialStock;
        }
    }
    return stock;
}
