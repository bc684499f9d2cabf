import { inject, injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { PreferenceSchema, PreferenceService } from '@theia/core/lib/common/preferences';
import { setFormatLocale } from '../../common/presswork-format';

export const FORMAT_LOCALE_PREFERENCE = 'presswork.format.locale';

export const FormatPreferenceSchema: PreferenceSchema = {
    properties: {
        [FORMAT_LOCALE_PREFERENCE]: {
            type: 'string',
            default: '',
            description: nls.localize('presswork/format/localePreference',
                'How Presswork writes dates, times and amounts, as a language tag such as en-US, en-GB or de-DE. Empty: the browser\'s language. Years always have four digits.')
        }
    }
};

/** Applies the locale preference to every `format…` call, at start and whenever it changes. */
@injectable()
export class FormatLocaleContribution implements FrontendApplicationContribution {
    @inject(PreferenceService) protected readonly preferences: PreferenceService;

    async initialize(): Promise<void> {
        this.preferences.onPreferenceChanged(change => {
            if (change.preferenceName === FORMAT_LOCALE_PREFERENCE) {
                this.apply();
            }
        });
        await this.preferences.ready;
        this.apply();
    }

    protected apply(): void {
        setFormatLocale(this.preferences.get<string>(FORMAT_LOCALE_PREFERENCE, ''));
    }
}
