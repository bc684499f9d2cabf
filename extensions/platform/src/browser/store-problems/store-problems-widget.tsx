import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { StoreProblem, StoreProblemsService } from '../../common/store-problems-protocol';
import { PressworkViewWidget } from '../presswork-view-widget';
import { Identifier } from '../store-text';

/**
 * Administrators' list of documents the store found at start but could not load. Everything else
 * runs; each row says which file to repair or remove (then restart) and why it was refused.
 */
@injectable()
export class StoreProblemsWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-store-problems';
    static readonly LABEL = nls.localize('presswork/storeProblems/label', 'Data Problems');

    @inject(StoreProblemsService) protected readonly service: StoreProblemsService;

    protected problems: StoreProblem[] = [];

    @postConstruct()
    protected init(): void {
        // The list only changes at start, so no collection is watched.
        this.setUpView({ id: StoreProblemsWidget.ID, label: StoreProblemsWidget.LABEL, icon: 'warning', collections: [] });
    }

    protected async load(): Promise<void> {
        this.problems = await this.service.list();
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            {this.renderError()}
            {this.problems.length === 0
                ? <p>{nls.localize('presswork/storeProblems/none', 'Every document in the data folder was loaded.')}</p>
                : <>
                    <p>{nls.localize('presswork/storeProblems/intro',
                        'These documents could not be loaded when Presswork started. Everything else runs; changes to these documents are refused. ' +
                        'Repair or remove each file (keep a copy), then restart Presswork.')}</p>
                    <table className='presswork-table' aria-label={StoreProblemsWidget.LABEL}>
                        <thead><tr>
                            <th>{nls.localize('presswork/storeProblems/collection', 'Kind')}</th>
                            <th>{nls.localize('presswork/storeProblems/id', 'Document')}</th>
                            <th>{nls.localize('presswork/storeProblems/file', 'File in the data folder')}</th>
                            <th>{nls.localize('presswork/storeProblems/reason', 'Why it was not loaded')}</th>
                        </tr></thead>
                        <tbody>{this.problems.map(problem => <tr key={`${problem.collection}/${problem.id}`} data-document={problem.id}>
                            <td>{problem.collection}</td>
                            <td><Identifier text={problem.id} /></td>
                            <td><Identifier text={problem.file} /></td>
                            <td>{problem.reason}</td>
                        </tr>)}</tbody>
                    </table>
                </>}
        </div>;
    }
}
