import type { interfaces } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PdfPagesReader, PrintFilePageReader } from './print-file-page-reader';
import { PrintFileRoute } from './print-file-route';
import { readPdfPages } from './read-pdf-pages';

/** The print file route, and the reader that records each print file's pages once. */
export function bindPrintFileServices(bind: interfaces.Bind): void {
    bind(PdfPagesReader).toConstantValue((path: string) => readPdfPages(path));
    bind(PrintFilePageReader).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(PrintFilePageReader);
    bind(PrintFileRoute).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(PrintFileRoute);
}
