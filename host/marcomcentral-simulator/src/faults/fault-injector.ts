import { z } from 'zod';
import { OPERATIONS, OperationName } from '../soap/operations';

/**
 * - http500: HTTP 500 with an HTML error page (no SOAP)
 * - fault: HTTP 500 SOAP Fault
 * - timeout: no answer until the client gives up (the operation still runs)
 * - malformed: the real answer cut in half (the operation still runs)
 * - code: a closeout result code instead of the real result (nothing changes)
 * - huge: the real answer padded to 50 MB (the operation still runs)
 * - entity: a billion-laughs document (nothing changes)
 */
export const FAULT_MODES = ['http500', 'fault', 'timeout', 'malformed', 'code', 'huge', 'entity'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

const operationNames = Object.keys(OPERATIONS) as [OperationName, ...OperationName[]];

export const FaultSchema = z.object({
    /** An operation name, or `*` for whichever operation comes next. */
    operation: z.union([z.enum(operationNames), z.literal('*')]),
    mode: z.enum(FAULT_MODES),
    code: z.number().int().positive().optional(),
    times: z.number().int().positive().max(10_000).default(1)
}).strict().superRefine((fault, context) => {
    if (fault.mode === 'code') {
        if (fault.code === undefined) {
            context.addIssue({ code: 'custom', path: ['code'], message: 'mode "code" needs a result code' });
        }
        if (fault.operation === '*' || !OPERATIONS[fault.operation].closeout) {
            context.addIssue({ code: 'custom', path: ['operation'], message: 'mode "code" applies to closeout operations only' });
        }
    }
});

export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;

export interface PendingFault {
    readonly operation: OperationName | '*';
    readonly mode: FaultMode;
    readonly code?: number;
    remaining: number;
}

export class FaultInjector {
    private readonly queue: PendingFault[] = [];

    /** Queues the next `times` failures of an operation; throws a ZodError on bad input. */
    inject(input: FaultInput): PendingFault {
        const fault = FaultSchema.parse(input);
        const pending: PendingFault = { operation: fault.operation, mode: fault.mode, code: fault.code, remaining: fault.times };
        this.queue.push(pending);
        return pending;
    }

    /** The fault for this call, if one is pending (first injected, first used). */
    take(operation: OperationName): PendingFault | undefined {
        const index = this.queue.findIndex(fault => fault.operation === operation || fault.operation === '*');
        if (index < 0) {
            return undefined;
        }
        const fault = this.queue[index];
        fault.remaining -= 1;
        if (fault.remaining <= 0) {
            this.queue.splice(index, 1);
        }
        return { ...fault };
    }

    pending(): PendingFault[] {
        return this.queue.map(fault => ({ ...fault }));
    }

    clear(): void {
        this.queue.length = 0;
    }
}
