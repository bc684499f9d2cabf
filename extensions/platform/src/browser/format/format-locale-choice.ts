import { inject, injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { StorageService } from '@theia/core/lib/browser/storage-service';
import { z } from 'zod';
import { FormatLocaleSchema, formatterFor, setFormatLocale } from '../../common/presswork-format';
import { FormDialog } from '../form-dialog';

const STORAGE_KEY = 'presswork.format.locale';

/** Locales offered besides the browser's own. */
const OFFERED_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'de-DE', 'de-CH', 'fr-FR', 'fr-CA', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'ja-JP'];

/** A sample that shows the difference between locales at a glance (day 26 cannot pass for a month). */
const SAMPLE = new Date(Date.UTC(2026, 10, 26, 15, 30));

/**
 * How this browser writes dates, times and amounts. The choice is the browser's (kept in its
 * storage), like the touch layout: Theia's settings are one file shared by every user of the shop.
 */
@injectable()
export class FormatLocaleChoice implements FrontendApplicationContribution {
    @inject(StorageService) protected readonly storage: StorageService;

    /** The locale chosen here; empty: the browser's language. */
    protected chosen = '';

    initialize(): void {
        // Not awaited: the shell does not wait for it; views drawn before it arrives draw again.
        this.storage.getData(STORAGE_KEY).then(value => {
            const stored = FormatLocaleSchema.safeParse(value);
            this.chosen = stored.success ? stored.data : '';
            setFormatLocale(this.chosen);
        }, () => undefined);
    }

    async choose(locale: string): Promise<void> {
        this.chosen = FormatLocaleSchema.parse(locale);
        setFormatLocale(this.chosen);
        await this.storage.setData(STORAGE_KEY, this.chosen);
    }

    /** Asks for the locale, each choice shown with the sample written its way. */
    async chooseInDialog(): Promise<void> {
        const dialog = new FormDialog({
            title: nls.localize('presswork/format/chooseTitle', 'Date and number format'),
            acceptLabel: nls.localize('presswork/format/chooseAccept', 'Use this format'),
            fields: [{
                name: 'locale', label: 'Write dates, times and amounts as', kind: 'choice', initial: this.chosen,
                choices: [
                    { value: '', label: nls.localize('presswork/format/browserLocale', 'This browser\'s language: {0}', sampleOf('')) },
                    ...OFFERED_LOCALES.map(locale => ({ value: locale, label: `${languageName(locale)}: ${sampleOf(locale)}` }))
                ],
                help: 'Kept in this browser. Years always have four digits.'
            }],
            schema: z.object({ locale: FormatLocaleSchema }),
            submit: ({ locale }) => this.choose(locale)
        });
        await dialog.open();
    }
}

function sampleOf(locale: string): string {
    const formatter = formatterFor(locale);
    return `${formatter.dateTime(SAMPLE)}, ${formatter.money(1234.5, 'USD')}`;
}

function languageName(locale: string): string {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}
