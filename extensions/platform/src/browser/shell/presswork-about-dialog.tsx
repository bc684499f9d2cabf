import * as React from '@theia/core/shared/react';
import { injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { AboutDialog } from '@theia/core/lib/browser/about-dialog';

/** Presswork's own packages, as the About dialog lists them. */
const PRESSWORK_PACKAGE = /^@presswork\//;

/**
 * Help → About: Presswork, its version and its extensions, and the Theia version it is built on;
 * not the editor's API levels and Monaco version an IDE's About shows.
 */
@injectable()
export class PressworkAboutDialog extends AboutDialog {
    protected override renderHeader(): React.ReactNode {
        const theia = this.extensionsInfos.find(extension => extension.name === '@theia/core');
        return <div className='presswork-about-header'>
            <h3>Presswork</h3>
            {this.applicationInfo && <p>{nls.localize('presswork/about/version', 'Version {0}', this.applicationInfo.version)}</p>}
            {theia && <p>{nls.localize('presswork/about/theia', 'Built on Eclipse Theia {0}', theia.version)}</p>}
        </div>;
    }

    protected override renderExtensions(): React.ReactNode {
        const extensions = this.extensionsInfos.filter(extension => PRESSWORK_PACKAGE.test(extension.name));
        return <div className='presswork-about-extensions'>
            <h4>{nls.localize('presswork/about/extensions', 'Extensions')}</h4>
            <ul>{extensions.map(extension => <li key={extension.name}>{extension.name} {extension.version}</li>)}</ul>
        </div>;
    }
}
