import PDFDocument from 'pdfkit';

/**
 * A one-page test page: the printer's name, the time and who asked, so that the sheet in the
 * output tray says which printer and which Test it came from. Built in memory.
 */
export function renderTestPage(printerName: string, at: Date, by?: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const pdf = new PDFDocument({ size: 'A4', margin: 60, info: { Title: `Presswork test page: ${printerName}`, Author: 'Presswork' } });
        const chunks: Buffer[] = [];
        pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
        pdf.on('end', () => resolve(Buffer.concat(chunks)));
        pdf.on('error', reject);
        pdf.font('Helvetica-Bold').fontSize(28).text('Presswork test page');
        pdf.moveDown().font('Helvetica').fontSize(14);
        pdf.text(`Printer: ${printerName}`);
        pdf.text(`Printed at: ${at.toISOString()}`);
        if (by) {
            pdf.text(`Asked for by: ${by}`);
        }
        pdf.moveDown().fontSize(10).text('This page is not a job: it is not counted in any order or queue.');
        // A frame 1 cm inside the page edge, to see the printer's margins and alignment.
        const { width, height } = pdf.page;
        pdf.rect(28, 28, width - 56, height - 56).lineWidth(1).stroke();
        pdf.end();
    });
}
