import type { ShopIdentity } from '@presswork/platform/lib/common/shop-identity';

const LOGO_BOX: [number, number] = [120, 60];

/**
 * The shop's name and address at the top right of a document, its logo at the top left; nothing
 * when no identity is set. A logo the PDF library cannot read (it passed the upload check, but a
 * decoder may still refuse it) is left out rather than failing the document.
 */
export function writeShopHeading(pdf: PDFKit.PDFDocument, shop: ShopIdentity | undefined): void {
    if (!shop) {
        return;
    }
    const top = pdf.y;
    const left = pdf.page.margins.left;
    const width = pdf.page.width - left - pdf.page.margins.right;
    let logoBottom = top;
    if (shop.logo) {
        try {
            pdf.image(Buffer.from(shop.logo.data, 'base64'), left, top, { fit: LOGO_BOX });
            logoBottom = top + LOGO_BOX[1];
        } catch {
            // Printed without the logo: the packing slip matters more than the picture.
        }
    }
    pdf.font('Helvetica-Bold').fontSize(14).text(shop.name, left, top, { width, align: 'right' });
    pdf.font('Helvetica').fontSize(9);
    for (const line of shop.address.split('\n').map(text => text.trim()).filter(Boolean)) {
        pdf.text(line, { width, align: 'right' });
    }
    pdf.x = left;
    pdf.y = Math.max(pdf.y, logoBottom) + 16;
}
