import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { ConfirmDialog } from '@theia/core/lib/browser/dialogs';
import { nls } from '@theia/core/lib/common/nls';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { WorkflowService } from '../common/workflow-protocol';
import { printerDialog } from './printer-form';

/**
 * The Printers view: administrators create, edit and delete printers; operators switch them on
 * and off (a Print step waits while its printer is off). Updates live.
 */
@injectable()
export class PrintersWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-printers';
    static readonly LABEL = nls.localize('presswork/workflow/printers', 'Printers');

    @inject(WorkflowService) protected readonly service: WorkflowService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected printers: Printer[] = [];

    @postConstruct()
    protected init(): void {
        this.setUpView({ id: PrintersWidget.ID, label: PrintersWidget.LABEL, icon: 'server-process', collections: [CollectionNames.printers] });
    }

    protected get manages(): boolean {
        return this.currentUser.can('printers.manage');
    }

    protected async load(): Promise<void> {
        await this.currentUser.load();
        this.printers = (await this.service.listPrinters()).sort((a, b) => a.name.localeCompare(b.name));
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            {this.manages && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.create}>{nls.localize('presswork/workflow/newPrinter', 'New printer…')}</button>
            </div>}
            {this.renderError()}
            {this.printers.length ? this.renderTable() : <p>{nls.localize('presswork/workflow/noPrinters', 'No printers yet.')}{this.manages ? ` ${nls.localize('presswork/workflow/noPrintersCreate', 'Create one for the Print activity to send to.')}` : ''}</p>}
        </div>;
    }

    protected renderTable(): React.ReactNode {
        const toggles = this.currentUser.can('printers.toggle');
        return <table className='presswork-table' aria-label={nls.localize('presswork/workflow/printers', 'Printers')}>
            <thead><tr><th>{nls.localize('presswork/workflow/printerName', 'Name')}</th><th>{nls.localize('presswork/workflow/printerKind', 'Kind')}</th><th>{nls.localize('presswork/workflow/sendsTo', 'Sends to')}</th><th>{nls.localize('presswork/workflow/printerEnabled', 'Enabled')}</th>{this.manages && <th></th>}</tr></thead>
            <tbody>{this.printers.map(printer => <tr key={printer.id} data-printer={printer.name}>
                <td title={printer.description}>{printer.name}{printer.description && <div className='presswork-form-help'>{printer.description}</div>}</td>
                <td>{printer.kind === 'hot-folder' ? nls.localize('presswork/workflow/printerFolder', 'Hot folder') : nls.localize('presswork/workflow/rawSocket', 'Raw socket')}</td>
                <td><code>{printer.kind === 'hot-folder' ? printer.folder : `${printer.host}:${printer.port}`}</code></td>
                <td><input type='checkbox' checked={printer.enabled} disabled={!toggles} aria-label={nls.localize('presswork/workflow/enabledOf', 'Enabled: {0}', printer.name)}
                    onChange={event => this.setEnabled(printer, event.target.checked)} /></td>
                {this.manages && <td className='presswork-row-actions'>
                    <button className='theia-button secondary' onClick={() => this.edit(printer)}>{nls.localize('presswork/workflow/edit', 'Edit…')}</button>
                    <button className='theia-button secondary' onClick={() => this.remove(printer)}>{nls.localize('presswork/workflow/deleteButton', 'Delete…')}</button>
                </td>}
            </tr>)}</tbody>
        </table>;
    }

    /** Shows the switch at once; if the server refuses, the reload puts it back. */
    protected async setEnabled(printer: Printer, enabled: boolean): Promise<void> {
        this.printers = this.printers.map(candidate => candidate.id === printer.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.setPrinterEnabled(printer.id, enabled));
    }

    protected create = async (): Promise<void> => {
        await printerDialog(undefined, input => this.service.createPrinter(input)).open();
    };

    protected async edit(printer: Printer): Promise<void> {
        await printerDialog(printer, input => this.service.updatePrinter(printer.id, printer.version, input)).open();
    }

    protected async remove(printer: Printer): Promise<void> {
        const confirmed = await new ConfirmDialog({
            title: nls.localize('presswork/workflow/deletePrinterTitle', 'Delete printer'),
            msg: nls.localize('presswork/workflow/deletePrinterMessage', 'Delete the printer {0}? Print steps that use it must be given another printer.', printer.name),
            ok: nls.localize('presswork/workflow/delete', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(() => this.service.deletePrinter(printer.id, printer.version));
        }
    }
}
