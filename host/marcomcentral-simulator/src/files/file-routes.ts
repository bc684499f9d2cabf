import { HttpReply, textReply } from '../http/http-reply';
import { SimulatorCore } from '../simulator-core';
import { setClientStatus } from '../store/line-status';
import { isPrintable } from '../store/model';
import { printFilePdf } from './print-file-pdf';

/**
 * `GET <base>/files/<lineItemId>.pdf`: 404 until the file is rendered, then a small PDF.
 * Downloading the file is the print shop starting work, so the line moves to WorkInProgress.
 */
export async function serveFile(core: SimulatorCore, method: string, lineItemId: string): Promise<HttpReply> {
    if (method !== 'GET' && method !== 'HEAD') {
        return { ...textReply(405, 'Method not allowed'), headers: { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' } };
    }
    const ref = core.store.findLine(lineItemId);
    if (!ref || !isPrintable(ref.line.ProductType) || !ref.line.FileReady) {
        return textReply(404, 'File not found');
    }
    const { order, line } = ref;
    const pdf = printFilePdf({
        orderNumber: order.OrderNumber,
        productName: line.ProductName,
        lineItemId: line.ID,
        skuName: line.SKU.Name,
        quantity: line.Quantity
    });
    if (method === 'GET' && line.ClientStatus.Value === 'OrderAccepted') {
        setClientStatus(line, 'WorkInProgress', core.clock.now());
        await core.store.save();
    }
    return {
        kind: 'send',
        status: 200,
        headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': `inline; filename="${line.ID}.pdf"`
        },
        // Node sends no body for HEAD but keeps the GET Content-Length.
        body: pdf
    };
}
