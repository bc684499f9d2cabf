import * as assert from 'node:assert/strict';
import { PRESSWORK_EVENT_NAMES, PressworkEventPayloads } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from './event-catalog';

describe('the event catalog', () => {
    for (const name of PRESSWORK_EVENT_NAMES) {
        const entry = EVENT_CATALOG[name];

        it(`${name}: its sample is a valid payload`, () => {
            assert.equal(entry.name, name);
            assert.doesNotThrow(() => PressworkEventPayloads[name].parse(entry.sample));
        });

        it(`${name}: its default template names only properties the event has`, () => {
            const properties = new Set(Object.keys(PressworkEventPayloads[name].shape));
            const named = [...`${entry.defaultSubject} ${entry.defaultText}`.matchAll(/\{(\w+)\}/g)].map(match => match[1]);
            assert.deepEqual(named.filter(property => !properties.has(property)), []);
        });
    }
});
