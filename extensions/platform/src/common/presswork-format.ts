import { z } from 'zod';

/**
 * The one way Presswork writes dates, times and money, on every screen and in every document:
 * `Intl` in one locale (the browser's, or the one chosen under Account → Date and Number Format…), years always
 * with four digits. Formatters are made once per locale: making one per call is slow.
 */

/** A BCP 47 locale such as `en-US` or `de-CH`; empty means "the browser's (or server's) own". */
export const FormatLocaleSchema = z.union([
    z.literal(''),
    z.string().trim().max(35).refine(isKnownLocale, 'must be a language tag such as en-US or de-DE')
]);

function isKnownLocale(locale: string): boolean {
    try {
        return Intl.getCanonicalLocales(locale).length === 1 && Intl.DateTimeFormat.supportedLocalesOf(locale).length === 1;
    } catch {
        return false;
    }
}

type Moment = string | number | Date | undefined;

/** `2026-11-26`: a calendar date without a time, which is the same day wherever it is read. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

export class PressworkFormatter {
    protected readonly dateFormat: Intl.DateTimeFormat;
    protected readonly plainDateFormat: Intl.DateTimeFormat;
    protected readonly dateTimeFormat: Intl.DateTimeFormat;
    protected readonly dateTimeSecondsFormat: Intl.DateTimeFormat;
    protected readonly timeFormat: Intl.DateTimeFormat;
    protected readonly numberFormat: Intl.NumberFormat;
    protected readonly moneyFormats = new Map<string, Intl.NumberFormat>();

    /** `locale` undefined or empty: the runtime's own. */
    constructor(locale?: string) {
        const locales = locale && isKnownLocale(locale) ? [locale] : undefined;
        this.dateFormat = new Intl.DateTimeFormat(locales, DATE);
        this.locale = this.dateFormat.resolvedOptions().locale;
        this.plainDateFormat = new Intl.DateTimeFormat(this.locale, { ...DATE, timeZone: 'UTC' });
        this.dateTimeFormat = new Intl.DateTimeFormat(this.locale, { ...DATE, ...TIME });
        this.dateTimeSecondsFormat = new Intl.DateTimeFormat(this.locale, { ...DATE, ...TIME, second: '2-digit' });
        this.timeFormat = new Intl.DateTimeFormat(this.locale, TIME);
        this.numberFormat = new Intl.NumberFormat(this.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }

    /** The locale in use, as `Intl` resolved it. */
    readonly locale: string;

    /** `12/05/2026`; a plain `2026-12-05` is that day wherever the reader is. */
    date(value: Moment): string {
        if (typeof value === 'string' && PLAIN_DATE.test(value)) {
            return this.written(value, this.plainDateFormat);
        }
        return this.written(value, this.dateFormat);
    }

    /** `12/05/2026, 11:44 AM`; with `seconds`, `11:44:15 AM` (the job log, where order within a minute matters). */
    dateTime(value: Moment, options?: { seconds?: boolean }): string {
        if (typeof value === 'string' && PLAIN_DATE.test(value)) {
            return this.date(value);
        }
        return this.written(value, options?.seconds ? this.dateTimeSecondsFormat : this.dateTimeFormat);
    }

    /** `11:44 AM`. */
    time(value: Moment): string {
        return this.written(value, this.timeFormat);
    }

    /** `$1,234.50` with a currency code; `1,234.50` without; empty when there is no amount. */
    money(amount: number | undefined, currency?: string): string {
        if (amount === undefined || !Number.isFinite(amount)) {
            return '';
        }
        if (!currency || !/^[A-Z]{3}$/.test(currency)) {
            return this.numberFormat.format(amount);
        }
        let format = this.moneyFormats.get(currency);
        if (!format) {
            format = new Intl.NumberFormat(this.locale, { style: 'currency', currency });
            this.moneyFormats.set(currency, format);
        }
        return format.format(amount);
    }

    /** Empty for no value; the text as it came when it is not a date, so nothing is hidden. */
    protected written(value: Moment, format: Intl.DateTimeFormat): string {
        if (value === undefined || value === '') {
            return '';
        }
        const date = value instanceof Date ? value : new Date(value);
        return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
    }
}

const formatters = new Map<string, PressworkFormatter>();

/** The formatter of one locale (empty: the runtime's own), made once. */
export function formatterFor(locale = ''): PressworkFormatter {
    let formatter = formatters.get(locale);
    if (!formatter) {
        formatter = new PressworkFormatter(locale);
        formatters.set(locale, formatter);
    }
    return formatter;
}

let current = formatterFor();
const localeListeners = new Set<() => void>();

/** Chooses the locale every `format…` call uses from now on (the preference, in the browser). */
export function setFormatLocale(locale: string | undefined): void {
    const chosen = FormatLocaleSchema.safeParse(locale ?? '');
    const next = formatterFor(chosen.success ? chosen.data : '');
    if (next !== current) {
        current = next;
        localeListeners.forEach(listener => listener());
    }
}

/** Called when the locale changes, so views holding formatted text draw again. */
export function onFormatLocaleChanged(listener: () => void): { dispose(): void } {
    localeListeners.add(listener);
    return { dispose: () => localeListeners.delete(listener) };
}

export function currentFormatter(): PressworkFormatter {
    return current;
}

export function formatDate(value: Moment): string {
    return current.date(value);
}

export function formatDateTime(value: Moment, options?: { seconds?: boolean }): string {
    return current.dateTime(value, options);
}

export function formatTime(value: Moment): string {
    return current.time(value);
}

export function formatMoney(amount: number | undefined, currency?: string): string {
    return current.money(amount, currency);
}
