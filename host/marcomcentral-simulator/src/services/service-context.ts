import { StoreTimeZone } from '../soap/store-time-zone';
import { XmlElement } from '../soap/xml-tree';
import { XmlObject } from '../soap/xml-writer';
import { StateStore } from '../store/state-store';
import { RenderContext } from './order-xml';

/** What every operation handler may use. */
export interface ServiceContext {
    readonly store: StateStore;
    readonly timeZone: StoreTimeZone;
    readonly render: RenderContext;
    now(): Date;
}

/**
 * Handles one operation. `request` is the request element inside the operation (e.g.
 * OrderRequestByDate or pRequest); the answer is the content of `<Op>Response`.
 */
export type OperationHandler = (request: XmlElement | undefined, context: ServiceContext) => XmlObject;
