import type { Connection, ProductionTemplate } from '@presswork/platform/lib/common';

/** A connection document as stored (without its version). */
export function connectionDocument(id = 'conn-1', overrides: Partial<Connection> = {}): Omit<Connection, 'version'> {
    return {
        id,
        name: `Store ${id}`,
        description: '',
        type: 'MarcomCentral',
        endpointUrl: 'https://store.example.com/services',
        timeZone: 'America/Los_Angeles',
        pollingIntervalSeconds: 300,
        firstLookBackHours: 24,
        enabled: true,
        demo: false,
        ...overrides
    };
}

/** A production template as stored, version 1. */
export function template(name: string, match: ProductionTemplate['match'], overrides: Partial<ProductionTemplate> = {}): ProductionTemplate {
    return {
        id: `tpl-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        version: 1,
        name,
        description: '',
        match,
        workflowId: 'wf-digital',
        defaults: { properties: {} },
        enabled: true,
        ...overrides
    };
}
