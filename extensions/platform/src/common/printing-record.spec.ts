import * as assert from 'node:assert/strict';
import { JobSchema } from './job-schema';
import { MAX_PRINTER_REASONS, PrintingRecord, PrintingRecordSchema, isAtPrinter } from './printing-record';

const AT = '2025-03-01T08:00:00.000Z';

/** A job as stored before print records existed. */
const storedJob = {
    id: 'job-1', name: 'Flyers', orderId: 'order-1', orderNumber: '1001', lineItemId: 'line-1', connectionId: 'connection-1',
    workflowId: 'flow', workflowVersion: 1, phase: 'Print', state: 'Printing', stepIndex: 0, stepId: 'p', currentActivity: 'print',
    waitReason: 'Printing on Printer A', copies: 250, receivedAt: AT, updatedAt: AT, properties: {}, files: [], log: []
};
const accepted: PrintingRecord = {
    stepId: 'p', printerId: 'printer-a', printerName: 'Printer A', jobName: 'Flyers', requestedAt: AT, deviceJobId: 17, acceptedAt: AT
};

describe('print records on a job', () => {

    it('loads a job stored before print records, and one with its print and what was printed', () => {
        assert.equal(JobSchema.parse(storedJob).printing, undefined);
        const job = JobSchema.parse({
            ...storedJob,
            printing: { ...accepted, deviceState: 'processing-stopped', reasons: ['out of paper'], impressionsCompleted: 40, sheetsCompleted: 20 },
            printed: { printerId: 'printer-a', printerName: 'Printer A', copies: 250, impressions: 500, at: AT, by: 'olivia' }
        });
        assert.deepEqual([job.printing?.deviceJobId, job.printing?.reasons, job.printed?.by], [17, ['out of paper'], 'olivia']);
    });

    it('refuses a record beyond its bounds, naming the field', () => {
        const tooMany = PrintingRecordSchema.safeParse({ ...accepted, reasons: Array.from({ length: MAX_PRINTER_REASONS + 1 }, (_, index) => `reason ${index}`) });
        assert.equal(tooMany.success, false);
        assert.deepEqual(tooMany.error?.issues.map(issue => issue.path.join('.')), ['reasons']);
        const notAnId = PrintingRecordSchema.safeParse({ ...accepted, deviceJobId: 0 });
        assert.deepEqual(notAnId.error?.issues.map(issue => issue.path.join('.')), ['deviceJobId']);
        const unknownState = PrintingRecordSchema.safeParse({ ...accepted, deviceState: 'printing' });
        assert.deepEqual(unknownState.error?.issues.map(issue => issue.path.join('.')), ['deviceState']);
    });
});

describe('isAtPrinter', () => {

    const atPrinter = { state: 'Printing', stepId: 'p', waitReason: 'Printing on Printer A', printing: accepted };

    it('holds for a job its Print step left at the printer, the printer\'s job id recorded for that step', () => {
        assert.equal(isAtPrinter(atPrinter), true);
    });

    it('does not hold while the step still runs, nor for another step\'s record, a record without the printer\'s job id, or an uncertain one', () => {
        const { waitReason: _reason, ...running } = atPrinter;
        const { deviceJobId: _id, acceptedAt: _acceptedAt, ...intent } = accepted;
        assert.equal(isAtPrinter(running), false, 'no wait reason: the step was running (the server died before its outcome)');
        assert.equal(isAtPrinter({ ...atPrinter, printing: intent }), false, 'sent, but not known to be accepted');
        assert.equal(isAtPrinter({ ...atPrinter, stepId: 'p2' }), false);
        assert.equal(isAtPrinter({ ...atPrinter, state: 'Held' }), false);
        assert.equal(isAtPrinter({ ...atPrinter, state: 'Waiting', printing: { ...accepted, uncertain: 'Printer A no longer knows job 17' } }), false);
        assert.equal(isAtPrinter({ ...atPrinter, printing: undefined }), false);
    });
});
