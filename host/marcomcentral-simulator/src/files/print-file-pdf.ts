/**
 * A one-page PDF naming the order and product: enough for a print-file download to be a real,
 * openable PDF. Written by hand, so the cross-reference offsets are counted in bytes here.
 */

export interface PrintFileText {
    readonly orderNumber: string;
    readonly productName: string;
    readonly lineItemId: string;
    readonly skuName?: string;
    readonly quantity?: number;
}

/** PDF string literal in WinAnsi/Latin-1: escapes the delimiters, replaces what Latin-1 cannot hold. */
function pdfString(text: string): string {
    const latin1 = Array.from(text, char => (char.codePointAt(0)! <= 0xff ? char : '?')).join('');
    return `(${latin1.replace(/[\\()]/g, match => `\\${match}`).replace(/[\r\n]/g, ' ')})`;
}

export function printFilePdf(text: PrintFileText): Buffer {
    const lines = [
        { size: 20, text: text.productName },
        { size: 12, text: `Order ${text.orderNumber}` },
        { size: 12, text: `Line item ${text.lineItemId}` },
        ...(text.skuName ? [{ size: 12, text: `SKU ${text.skuName}` }] : []),
        ...(text.quantity !== undefined ? [{ size: 12, text: `Quantity ${text.quantity}` }] : []),
        { size: 9, text: 'Print-ready file from the Presswork MarcomCentral simulator' }
    ];
    let y = 720;
    const content = lines.map(line => {
        const op = `BT /F1 ${line.size} Tf 72 ${y} Td ${pdfString(line.text)} Tj ET`;
        y -= line.size + 12;
        return op;
    }).join('\n');
    const contentBytes = Buffer.from(content, 'latin1');

    const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        `<< /Length ${contentBytes.length} >>\nstream\n${content}\nendstream`,
        `<< /Title ${pdfString(`${text.orderNumber} ${text.productName}`)} /Producer (Presswork MarcomCentral simulator) >>`
    ];

    // The binary comment line tells transfer tools the file is binary.
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let length = parts[0].length;
    const offsets: number[] = [];
    objects.forEach((body, index) => {
        offsets.push(length);
        const bytes = Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
        parts.push(bytes);
        length += bytes.length;
    });
    const xrefOffset = length;
    // Each cross-reference entry is exactly 20 bytes, end of line included.
    const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ']
        .concat(offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n `))
        .join('\n') + '\n';
    const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    parts.push(Buffer.from(xref + trailer, 'latin1'));
    return Buffer.concat(parts);
}
