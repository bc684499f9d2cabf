import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Message } from '@theia/core/lib/browser/widgets/widget';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { PHASES } from '@presswork/platform/lib/common/job-status';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import type { WorkflowService, WorkflowSummary, WorkflowVersionSummary } from '../common/workflow-protocol';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

export interface WorkflowVersionsDialogOptions {
    readonly workflow: WorkflowSummary;
    readonly service: WorkflowService;
    readonly canRestore: boolean;
    /** Names activity types for the preview. */
    readonly activityLabel: (type: string) => string;
    readonly onRestored: (workflow: Workflow) => void;
}

/** A workflow's saved versions, newest first, each with a preview of its steps and Restore. */
export class WorkflowVersionsDialog extends ReactDialog<void> {
    protected versions: WorkflowVersionSummary[] | undefined;
    protected readonly previews = new Map<number, Workflow | string>();
    protected readonly open_ = new Set<number>();
    protected busy = false;

    constructor(protected readonly options: WorkflowVersionsDialogOptions) {
        super({ title: nls.localize('presswork/workflow/versionsOf', 'Versions of {0}', options.workflow.name), maxWidth: 720 } as DialogProps);
        this.appendCloseButton(nls.localize('presswork/workflow/close', 'Close'));
    }

    get value(): void {
        return undefined;
    }

    protected override onAfterAttach(msg: Message): void {
        super.onAfterAttach(msg);
        this.load();
    }

    protected async load(): Promise<void> {
        try {
            this.versions = (await this.options.service.listVersions(this.options.workflow.id)).sort((a, b) => b.version - a.version);
        } catch (error) {
            this.setErrorMessage(messageOf(error));
        }
        this.update();
    }

    protected render(): React.ReactNode {
        if (!this.versions) {
            return <p>{nls.localize('presswork/workflow/loadingVersions', 'Loading versions…')}</p>;
        }
        if (!this.versions.length) {
            return <p>{nls.localize('presswork/workflow/noVersions', 'No saved versions.')}</p>;
        }
        const current = this.options.workflow.version;
        return <table className='presswork-table presswork-workflow-versions' aria-label={nls.localize('presswork/workflow/versions', 'Versions')}>
            <thead><tr><th>{nls.localize('presswork/workflow/versionColumn', 'Version')}</th><th>{nls.localize('presswork/workflow/savedColumn', 'Saved')}</th><th>{nls.localize('presswork/workflow/byColumn', 'By')}</th><th></th></tr></thead>
            <tbody>{this.versions.map(version => <React.Fragment key={version.version}>
                <tr data-version={version.version}>
                    <td>{version.version === current ? nls.localize('presswork/workflow/currentVersion', '{0} (current)', version.version) : version.version}</td>
                    <td>{formatDateTime(version.savedAt)}</td>
                    <td>{version.savedBy ?? ''}</td>
                    <td className='presswork-row-actions'>
                        <button className='theia-button secondary' aria-expanded={this.open_.has(version.version)} onClick={() => this.toggle(version.version)}>
                            {this.open_.has(version.version) ? nls.localize('presswork/workflow/hideSteps', 'Hide steps') : nls.localize('presswork/workflow/showSteps', 'Show steps')}
                        </button>
                        {this.options.canRestore && version.version !== current &&
                            <button className='theia-button secondary' disabled={this.busy} onClick={() => this.restore(version)}>{nls.localize('presswork/workflow/restoreButton', 'Restore…')}</button>}
                    </td>
                </tr>
                {this.open_.has(version.version) && <tr className='presswork-workflow-version-preview'>
                    <td colSpan={4}>{this.renderPreview(version.version)}</td>
                </tr>}
            </React.Fragment>)}</tbody>
        </table>;
    }

    protected renderPreview(version: number): React.ReactNode {
        const preview = this.previews.get(version);
        if (preview === undefined) {
            return nls.localize('presswork/workflow/loading', 'Loading…');
        }
        if (typeof preview === 'string') {
            return <span className='presswork-error'>{preview}</span>;
        }
        return <dl className='presswork-workflow-version-phases'>
            {PHASES.map(phase => <React.Fragment key={phase}>
                <dt data-phase-name={phase}>{phase}</dt>
                <dd>{preview.phases[phase].map(step => step.label || this.options.activityLabel(step.activity)).join(' → ') || '—'}</dd>
            </React.Fragment>)}
        </dl>;
    }

    protected async toggle(version: number): Promise<void> {
        if (this.open_.delete(version)) {
            this.update();
            return;
        }
        this.open_.add(version);
        this.update();
        if (!this.previews.has(version)) {
            try {
                this.previews.set(version, await this.options.service.getVersion(this.options.workflow.id, version));
            } catch (error) {
                this.previews.set(version, messageOf(error));
            }
            this.update();
        }
    }

    protected async restore(version: WorkflowVersionSummary): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/workflow/restoreTitle', 'Restore version'),
            msg: nls.localize('presswork/workflow/restoreMessage', 'Save version {0} of {1} as its newest version? The current version stays in the history.', version.version, this.options.workflow.name),
            ok: nls.localize('presswork/workflow/restore', 'Restore')
        }).open();
        if (!confirmed) {
            return;
        }
        this.busy = true;
        this.update();
        try {
            const restored = await this.options.service.restoreVersion(this.options.workflow.id, version.version, this.options.workflow.version);
            this.options.onRestored(restored);
            this.close();
        } catch (error) {
            this.setErrorMessage(messageOf(error));
        } finally {
            this.busy = false;
            this.update();
        }
    }
}
