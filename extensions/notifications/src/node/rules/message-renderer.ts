import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from '../../common/event-catalog';
import { escapeHtml, fillTemplate, textToHtml } from '../../common/message-template';
import type { Delivery, MessageTemplate } from '../../common/notifications-protocol';

export type RenderedMessage = Delivery['message'];

/** An event as a template sees it: its payload, `{event}` (its label) and `{at}`. */
export type TemplateEvent = Pick<PressworkEvent, 'name' | 'at' | 'payload'>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "Sat 5 Dec 2026, 14:30" in `timeZone`: how a shop reads a time in a message. */
const wordsFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, kept: making one per placeholder cost more than the rest of the message. */
function wordsFormatIn(timeZone: string): Intl.DateTimeFormat {
    let format = wordsFormats.get(timeZone);
    if (!format) {
        format = new Intl.DateTimeFormat('en-GB', {
            timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
        });
        wordsFormats.set(timeZone, format);
    }
    return format;
}

export function timeInWords(iso: string, timeZone: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return iso;
    }
    const parts = Object.fromEntries(wordsFormatIn(timeZone).formatToParts(date).map(part => [part.type, part.value]));
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

/** A placeholder's value in words: times in the shop's zone, nothing for a missing property. */
export function placeholderValue(event: TemplateEvent, name: string, timeZone: string): string | undefined {
    const value = name === 'event' ? EVENT_CATALOG[event.name].label
        : name === 'at' ? event.at
            : (event.payload as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
        return undefined;
    }
    return typeof value === 'string' && ISO_TIME.test(value) ? timeInWords(value, timeZone) : String(value);
}

/** One event's message: the subject on one line, HTML values escaped, the text as HTML when there is no HTML template. */
export function renderMessage(template: MessageTemplate, event: TemplateEvent, timeZone: string): RenderedMessage {
    const value = (name: string): string | undefined => placeholderValue(event, name, timeZone);
    const subject = oneLine(fillTemplate(template.subject, value));
    const text = fillTemplate(template.text, value);
    const html = template.html !== undefined
        ? fillTemplate(template.html, name => { const filled = value(name); return filled === undefined ? undefined : escapeHtml(filled); })
        : textToHtml(text);
    return { subject, text, html };
}

export interface DigestContent {
    readonly ruleName: string;
    readonly template: MessageTemplate;
    /** The events carried (at most MAX_DIGEST_EVENTS), oldest first. */
    readonly events: readonly TemplateEvent[];
    /** Events matched beyond those carried. */
    readonly moreEvents: number;
    readonly timeZone: string;
}

/**
 * Several events of one rule in one message (a storm's digest, or what a quiet period held back):
 * each event's own subject line with its time, then "and N more".
 */
export function renderDigest(digest: DigestContent): RenderedMessage {
    const { events, moreEvents, timeZone } = digest;
    const total = events.length + moreEvents;
    const label = events.length ? EVENT_CATALOG[events[0].name].label : digest.ruleName;
    const lines = events.map(event => ({ at: timeInWords(event.at, timeZone), line: renderMessage(digest.template, event, timeZone).subject }));
    const more = moreEvents ? `and ${moreEvents} more` : undefined;
    const intro = `${total} events matched the rule "${digest.ruleName}":`;
    const text = [intro, '', ...lines.map(({ at, line }) => `- ${at}: ${line}`), ...(more ? [more] : [])].join('\n');
    const html = [
        `<p>${escapeHtml(intro)}</p>`,
        '<ul>',
        ...lines.map(({ at, line }) => `<li>${escapeHtml(at)}: ${escapeHtml(line)}</li>`),
        '</ul>',
        ...(more ? [`<p>${escapeHtml(more)}</p>`] : [])
    ].join('\n');
    return { subject: oneLine(`${label}: ${total} events (${digest.ruleName})`), text, html };
}

function oneLine(text: string): string {
    return text.replace(/\s*[\r\n]+\s*/g, ' ').trim().slice(0, 300);
}
