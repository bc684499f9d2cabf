import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { PrinterView } from '@presswork/platform/lib/common/printer-schema';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import type { Medium } from '../common/tickets/media-catalog';
import { OutputCollectionNames } from '../common/output-collections';
import { OutputService } from '../common/output-protocol';
import type { PrinterPool } from '@presswork/platform/lib/common/printer-pool-schema';
import type { PrinterState } from '../common/printer-state';
import { mediumDialog, poolDialog } from './catalog-forms';
import { printerDialog } from './printer-form';
import { PrinterMediaList } from './printer-media-list';
import { PrinterQueueList } from './printer-queue-list';
import { PrinterStateBadge } from './printer-state-badge';
import { PrinterSuppliesList } from './printer-supplies-list';
import { PrinterTestDialog } from './printer-test-dialog';
import debounce = require('@theia/core/shared/lodash.debounce');

/**
 * The Printers view: administrators create, edit and delete printers, printer pools and the media
 * catalog; operators switch printers on and off (a Print step waits while its printer is off);
 * monitors see them. Updates live.
 */
@injectable()
export class PrintersWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-printers';
    static readonly LABEL = nls.localize('presswork/output/printers', 'Printers');

    @inject(OutputService) protected readonly service: OutputService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected printers: PrinterView[] = [];
    protected pools: PrinterPool[] = [];
    protected media: Medium[] = [];
    /** Each printer's live state, by printer id, as the monitor last wrote it. */
    protected states = new Map<string, PrinterState>();
    /** Printers whose Test said they cannot identify themselves. */
    protected readonly cannotIdentify = new Set<string>();
    /** Why the printers' states could not be read again (the printers themselves are still shown). */
    protected statesError: string | undefined;

    /** A printer's state changes often: only the states are read again, within the feed's 2 s. */
    protected readonly reloadStatesSoon = debounce(() => this.reloadStates(), 150);

    @postConstruct()
    protected init(): void {
        this.toDispose.push(this.changeFeed.watch(OutputCollectionNames.printerStates, () => this.reloadStatesSoon()));
        this.setUpView({
            id: PrintersWidget.ID, label: PrintersWidget.LABEL, icon: 'server-process',
            collections: [CollectionNames.printers, OutputCollectionNames.printerPools, OutputCollectionNames.media]
        });
    }

    protected get manages(): boolean {
        return this.currentUser.can('printers.manage');
    }

    protected get managesCatalog(): boolean {
        return this.currentUser.can('output.manage');
    }

    protected async load(): Promise<void> {
        await this.currentUser.load();
        const [printers, pools, media] = await Promise.all([this.service.listPrinters(), this.service.listPools(), this.service.listMedia()]);
        this.printers = printers.sort((a, b) => a.name.localeCompare(b.name));
        this.pools = pools;
        this.media = media;
        await this.loadStates();
    }

    protected async loadStates(): Promise<void> {
        const states = await this.service.listPrinterStates();
        this.states = new Map(states.map(state => [state.id, state]));
    }

    protected async reloadStates(): Promise<void> {
        try {
            await this.loadStates();
            this.statesError = undefined;
        } catch (error) {
            this.statesError = messageOf(error);
        }
        this.update();
    }

    /** Identify is offered for IPP printers, unless Test found the printer cannot do it. */
    protected canIdentify(printer: PrinterView): boolean {
        return printer.kind === 'ipp' && !this.cannotIdentify.has(printer.id);
    }

    protected async test(printer: PrinterView): Promise<void> {
        await new PrinterTestDialog({
            printerName: printer.name,
            test: async printTestPage => {
                const result = await this.service.testPrinter(printer.id, printTestPage);
                if (result.canIdentify === false) {
                    this.cannotIdentify.add(printer.id);
                } else if (result.canIdentify) {
                    this.cannotIdentify.delete(printer.id);
                }
                this.update();
                return result;
            },
            mediaReady: () => this.states.get(printer.id)?.mediaReady ?? [],
            catalog: this.media
        }).open();
    }

    protected async identify(printer: PrinterView): Promise<void> {
        try {
            await this.service.identifyPrinter(printer.id);
            this.messages.info(nls.localize('presswork/output/identified', '{0} was asked to show itself: look for a light, a sound or a message on its panel.', printer.name));
        } catch (error) {
            this.messages.error(nls.localize('presswork/output/identifyFailed', 'Identify {0}: {1}', printer.name, messageOf(error)));
        }
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            {this.manages && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.create}>{nls.localize('presswork/output/newPrinter', 'New printer…')}</button>
            </div>}
            {this.renderError()}
            {this.statesError && <p className='presswork-error' role='alert'>{nls.localize('presswork/output/statesFailed', 'The printers\' states could not be read: {0}', this.statesError)}</p>}
            {this.printers.length ? this.renderTable() : <p>{nls.localize('presswork/output/noPrinters', 'No printers yet.')}{this.manages ? ` ${nls.localize('presswork/output/noPrintersCreate', 'Create one for the Print activity to send to.')}` : ''}</p>}
            {this.renderPools()}
            {this.renderMedia()}
        </div>;
    }

    protected renderTable(): React.ReactNode {
        const toggles = this.currentUser.can('printers.toggle');
        return <div className='presswork-printer-cards' role='list' aria-label={nls.localize('presswork/output/printers', 'Printers')}>
            {this.printers.map(printer => {
                const state = this.states.get(printer.id);
                return <article key={printer.id} role='listitem' className='presswork-printer-card' data-printer={printer.name} aria-label={printer.name}>
                    <header className='presswork-printer-card-header'>
                        <div className='presswork-printer-card-title'>
                            <h3>{printer.name}</h3>
                            {printer.description && <div className='presswork-form-help'>{printer.description}</div>}
                            <div className='presswork-form-help'>{kindLabel(printer)}{' · '}<code>{destination(printer)}</code>{printer.kind === 'ipp' && printer.passwordSet && ` · ${nls.localize('presswork/output/passwordSet', 'password set')}`}</div>
                            {state?.makeAndModel && <div className='presswork-form-help' data-field='makeAndModel'>{state.makeAndModel}</div>}
                        </div>
                        <PrinterStateBadge state={state} reportsState={printer.kind === 'ipp'} />
                        <label className='presswork-printer-enabled'>
                            <input type='checkbox' checked={printer.enabled} disabled={!toggles} aria-label={nls.localize('presswork/output/enabledOf', 'Enabled: {0}', printer.name)}
                                onChange={event => this.setEnabled(printer, event.target.checked)} />
                            <span aria-hidden='true'>{printer.enabled ? nls.localize('presswork/output/enabledWord', 'Enabled') : nls.localize('presswork/output/disabledWord', 'Disabled: takes no new jobs')}</span>
                        </label>
                        <div className='presswork-row-actions'>
                            {toggles && printer.kind === 'ipp' && <button className='theia-button secondary' onClick={() => this.test(printer)}>{nls.localize('presswork/output/test', 'Test…')}</button>}
                            {toggles && this.canIdentify(printer) && <button className='theia-button secondary' onClick={() => this.identify(printer)}>{nls.localize('presswork/output/identify', 'Identify')}</button>}
                            {this.manages && <button className='theia-button secondary' onClick={() => this.edit(printer)}>{nls.localize('presswork/output/edit', 'Edit…')}</button>}
                            {this.manages && <button className='theia-button secondary' onClick={() => this.remove(printer)}>{nls.localize('presswork/output/deleteButton', 'Delete…')}</button>}
                        </div>
                    </header>
                    <div className='presswork-printer-card-body'>
                        <section aria-label={nls.localize('presswork/output/queueOf', 'Queue of {0}', printer.name)}>
                            <h4>{nls.localize('presswork/output/queue', 'Queue')}</h4>
                            <PrinterQueueList printerName={printer.name} queue={state?.queue ?? []} more={state?.queueMore ?? 0} />
                        </section>
                        <section aria-label={nls.localize('presswork/output/mediaReadyOf', 'Media ready in {0}', printer.name)}>
                            <h4>{nls.localize('presswork/output/mediaReady', 'Media ready')}</h4>
                            <PrinterMediaList printerName={printer.name} media={state?.mediaReady ?? []} catalog={this.media} />
                        </section>
                        <section aria-label={nls.localize('presswork/output/suppliesOf', 'Supplies of {0}', printer.name)}>
                            <h4>{nls.localize('presswork/output/supplies', 'Supplies')}</h4>
                            <PrinterSuppliesList printerName={printer.name} supplies={state?.supplies ?? []} />
                        </section>
                    </div>
                </article>;
            })}
        </div>;
    }

    protected renderPools(): React.ReactNode {
        const names = new Map(this.printers.map(printer => [printer.id, printer.name]));
        return <section aria-label={nls.localize('presswork/output/pools', 'Printer pools')}>
            <h3>{nls.localize('presswork/output/pools', 'Printer pools')}</h3>
            {this.managesCatalog && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.createPool}>{nls.localize('presswork/output/newPool', 'New pool…')}</button>
            </div>}
            {this.pools.length ? <table className='presswork-table' aria-label={nls.localize('presswork/output/pools', 'Printer pools')}>
                <thead><tr><th>{nls.localize('presswork/output/poolName', 'Name')}</th><th>{nls.localize('presswork/output/poolPrinters', 'Printers, in order')}</th><th>{nls.localize('presswork/output/poolHandOver', 'Hand over after (minutes)')}</th>{this.managesCatalog && <th></th>}</tr></thead>
                <tbody>{this.pools.map(pool => <tr key={pool.id} data-pool={pool.name}>
                    <td>{pool.name}</td>
                    <td>{pool.printerIds.map(id => names.get(id) ?? id).join(' → ')}</td>
                    <td>{pool.handOverAfterMinutes}</td>
                    {this.managesCatalog && <td className='presswork-row-actions'>
                        <button className='theia-button secondary' onClick={() => this.editPool(pool)}>{nls.localize('presswork/output/edit', 'Edit…')}</button>
                        <button className='theia-button secondary' onClick={() => this.removeNamed(pool.name, () => this.service.deletePool(pool.id, pool.version))}>{nls.localize('presswork/output/deleteButton', 'Delete…')}</button>
                    </td>}
                </tr>)}</tbody>
            </table> : <p>{nls.localize('presswork/output/noPools', 'No printer pools yet.')}</p>}
        </section>;
    }

    protected renderMedia(): React.ReactNode {
        return <section aria-label={nls.localize('presswork/output/media', 'Media catalog')}>
            <h3>{nls.localize('presswork/output/media', 'Media catalog')}</h3>
            {this.managesCatalog && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.createMedium}>{nls.localize('presswork/output/newMedium', 'New medium…')}</button>
            </div>}
            {this.media.length ? <table className='presswork-table' aria-label={nls.localize('presswork/output/media', 'Media catalog')}>
                <thead><tr><th>{nls.localize('presswork/output/mediumName', 'Name')}</th><th>{nls.localize('presswork/output/mediumSize', 'Size')}</th><th>{nls.localize('presswork/output/mediumType', 'Type')}</th><th>{nls.localize('presswork/output/mediumWeight', 'Weight (g/m²)')}</th><th>{nls.localize('presswork/output/mediumColor', 'Colour')}</th>{this.managesCatalog && <th></th>}</tr></thead>
                <tbody>{this.media.map(medium => <tr key={medium.id} data-medium={medium.name}>
                    <td>{medium.name}</td>
                    <td><code>{medium.sizeName}</code></td>
                    <td>{medium.type ?? ''}</td>
                    <td>{medium.weightGsm ?? ''}</td>
                    <td>{medium.color ?? ''}</td>
                    {this.managesCatalog && <td className='presswork-row-actions'>
                        <button className='theia-button secondary' onClick={() => this.editMedium(medium)}>{nls.localize('presswork/output/edit', 'Edit…')}</button>
                        <button className='theia-button secondary' onClick={() => this.removeNamed(medium.name, () => this.service.deleteMedium(medium.id, medium.version))}>{nls.localize('presswork/output/deleteButton', 'Delete…')}</button>
                    </td>}
                </tr>)}</tbody>
            </table> : <p>{nls.localize('presswork/output/noMedia', 'No media in the catalog yet.')}</p>}
        </section>;
    }

    /** Shows the switch at once; if the server refuses, the reload puts it back. */
    protected async setEnabled(printer: PrinterView, enabled: boolean): Promise<void> {
        this.printers = this.printers.map(candidate => candidate.id === printer.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.setPrinterEnabled(printer.id, enabled));
    }

    protected create = async (): Promise<void> => {
        await printerDialog(undefined, input => this.service.createPrinter(input)).open();
    };

    protected async edit(printer: PrinterView): Promise<void> {
        await printerDialog(printer, input => this.service.updatePrinter(printer.id, printer.version, input)).open();
    }

    protected async remove(printer: PrinterView): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/output/deletePrinterTitle', 'Delete printer'),
            msg: nls.localize('presswork/output/deletePrinterMessage', 'Delete the printer {0}? Print steps that use it must be given another printer.', printer.name),
            ok: nls.localize('presswork/output/delete', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(() => this.service.deletePrinter(printer.id, printer.version));
        }
    }

    protected createPool = async (): Promise<void> => {
        await poolDialog(undefined, this.printers, input => this.service.createPool(input)).open();
    };

    protected async editPool(pool: PrinterPool): Promise<void> {
        await poolDialog(pool, this.printers, input => this.service.updatePool(pool.id, pool.version, input)).open();
    }

    protected createMedium = async (): Promise<void> => {
        await mediumDialog(undefined, input => this.service.createMedium(input)).open();
    };

    protected async editMedium(medium: Medium): Promise<void> {
        await mediumDialog(medium, input => this.service.updateMedium(medium.id, medium.version, input)).open();
    }

    protected async removeNamed(name: string, remove: () => Promise<void>): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/output/deleteTitle', 'Delete {0}', name),
            msg: nls.localize('presswork/output/deleteMessage', 'Delete {0}?', name),
            ok: nls.localize('presswork/output/delete', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(remove);
        }
    }
}

function kindLabel(printer: PrinterView): string {
    switch (printer.kind) {
        case 'hot-folder': return nls.localize('presswork/output/printerFolder', 'Hot folder');
        case 'raw-socket': return nls.localize('presswork/output/rawSocket', 'Raw socket');
        case 'ipp': return nls.localize('presswork/output/ipp', 'IPP');
    }
}

function destination(printer: PrinterView): string {
    switch (printer.kind) {
        case 'hot-folder': return printer.folder;
        case 'raw-socket': return `${printer.host}:${printer.port}`;
        case 'ipp': return printer.userName ? `${printer.uri} (${printer.userName})` : printer.uri;
    }
}
