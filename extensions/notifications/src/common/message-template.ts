/**
 * Message templates: `{name}` placeholders filled in from an event. Shared by the server (which
 * renders what is sent) and the Notifications view (which names unknown placeholders as they are
 * typed). `{{` and `}}` stand for literal braces.
 */

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholdersOf(template: string): string[] {
    const names = new Set<string>();
    for (const match of template.matchAll(PLACEHOLDER)) {
        if (match[1]) {
            names.add(match[1]);
        }
    }
    return [...names];
}

/**
 * The template with each placeholder replaced by `valueOf(name)`; a name without a value becomes
 * empty (a missing optional property, such as a job's `reason`, reads better as nothing than as
 * `{reason}`), and a line with placeholders none of which has a value is left out ("At the
 * printer: {atPrinter}." when no job is there).
 */
export function fillTemplate(template: string, valueOf: (name: string) => string | undefined): string {
    return template.split('\n').flatMap(line => {
        let placeholders = 0;
        let filled = 0;
        const rendered = line.replace(PLACEHOLDER, (whole, name: string | undefined) => {
            if (!name) {
                return whole[0];
            }
            placeholders++;
            const value = valueOf(name);
            if (value !== undefined && value !== '') {
                filled++;
            }
            return value ?? '';
        });
        return placeholders > 0 && filled === 0 ? [] : [rendered];
    }).join('\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, character => HTML_ESCAPES[character]);
}

/** Plain text as HTML: escaped, line breaks kept. */
export function textToHtml(text: string): string {
    return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}
