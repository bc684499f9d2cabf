import markdownIt from '@theia/core/shared/markdown-it';
import { GUIDES, GUIDES_ROUTE, type GuideName } from '../../common/guides';

/** Raw HTML in the Markdown is shown as text, never run: the guides are documents, not pages with code. */
const markdown = markdownIt({ html: false, linkify: false, typographer: true });

/** A link from one guide to the other (`administrator-guide.md#users`) points at its served page instead. */
function servedLink(href: string): string {
    for (const [name, guide] of Object.entries(GUIDES)) {
        if (href === guide.file || href.startsWith(`${guide.file}#`)) {
            return `${GUIDES_ROUTE}/${name}${href.slice(guide.file.length)}`;
        }
    }
    return href;
}

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const href = tokens[index].attrGet('href');
    if (href) {
        tokens[index].attrSet('href', servedLink(href));
    }
    return defaultLinkOpen(tokens, index, options, env, self);
};

const STYLE = `
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0; }
main { max-width: 860px; margin: 0 auto; padding: 24px 32px 64px; }
h1, h2, h3 { line-height: 1.25; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 2em; }
img { max-width: 100%; border: 1px solid #d0d7de; border-radius: 4px; }
code { background: #f3f4f6; padding: 1px 4px; border-radius: 3px; } pre { background: #f3f4f6; padding: 12px; overflow: auto; }
pre code { padding: 0; } table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
nav { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 32px; } nav a { margin-right: 16px; }
`;

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}

/** A guide's Markdown as a page of its own, with links to both guides at the top. */
export function guidePage(name: GuideName, source: string): string {
    const navigation = Object.entries(GUIDES).map(([other, guide]) => `<a href="${GUIDES_ROUTE}/${other}">${escapeHtml(guide.title)}</a>`).join('');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Presswork ${escapeHtml(GUIDES[name].title)}</title><style>${STYLE}</style></head>
<body><nav aria-label="Guides">${navigation}</nav><main>${markdown.render(source)}</main></body></html>`;
}
