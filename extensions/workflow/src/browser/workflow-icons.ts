/**
 * `codicon('error')` → `codicon codicon-error`, as Theia's helper in `browser/widgets/widget`, which
 * the designer's components do not import: that module loads Lumino, which needs a browser, and
 * the components are rendered in plain Node by their tests.
 */
export function codicon(name: string): string {
    return `codicon codicon-${name}`;
}
