import { injectable } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { PRESSWORK_LOGO_SVG } from '../../common/presswork-logo';

/** The Presswork icon in the browser tab and at the left of the menu bar. The title is the application name. */
@injectable()
export class BrandingContribution implements FrontendApplicationContribution {
    onStart(): void {
        const logo = `data:image/svg+xml,${encodeURIComponent(PRESSWORK_LOGO_SVG)}`;
        document.head.querySelectorAll('link[rel="icon"]').forEach(existing => existing.remove());
        const icon = document.createElement('link');
        icon.rel = 'icon';
        icon.type = 'image/svg+xml';
        icon.href = logo;
        document.head.appendChild(icon);
        const style = document.createElement('style');
        style.textContent = `#theia\\:icon.theia-icon { background-image: url("${logo}"); background-size: 20px; background-repeat: no-repeat; background-position: center; }`;
        document.head.appendChild(style);
    }
}
