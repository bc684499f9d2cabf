import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { balancedBidi, codePointName, hasHiddenCharacters, identifierParts, SCREEN_MARKER } from '../common/hidden-characters';

/*
 * No Theia browser imports: extensions render these in plain Node in their tests.
 */

export interface StoreTextProps {
    /** Text as a store sent it (a name, an address line, an order number…). */
    readonly text: string | undefined;
    /**
     * An identifier (order number, job id, SKU, line item id, job ticket id): its hidden characters
     * are shown as markers (⟨U+202E⟩), so look-alikes look different.
     */
    readonly identifier?: boolean;
    readonly className?: string;
}

/**
 * Store text, isolated (`<bdi>`) so a right-to-left name or a bidi override cannot reorder what
 * stands around it; an identifier also shows its hidden characters.
 */
export function StoreText({ text = '', identifier, className }: StoreTextProps): React.ReactElement {
    const classes = className ? `presswork-store-text ${className}` : 'presswork-store-text';
    if (!identifier || !hasHiddenCharacters(text)) {
        return <bdi className={classes}>{identifier ? text : balancedBidi(text)}</bdi>;
    }
    const parts = identifierParts(text);
    const hidden = parts.flatMap(part => part.codePoint === undefined ? [] : [codePointName(part.codePoint)]);
    return <bdi className={classes} data-hidden-characters={hidden.join(' ')}
        title={nls.localize('presswork/platform/hiddenCharacters', 'Contains hidden characters: {0}', [...new Set(hidden)].join(', '))}>
        {parts.map((part, index) => part.codePoint === undefined
            ? <React.Fragment key={index}>{part.text}</React.Fragment>
            : <span key={index} className='presswork-hidden-character'>{SCREEN_MARKER[0]}{codePointName(part.codePoint)}{SCREEN_MARKER[1]}</span>)}
    </bdi>;
}

/** An identifier from a store: isolated, its hidden characters shown. */
export function Identifier(props: Omit<StoreTextProps, 'identifier'>): React.ReactElement {
    return <StoreText {...props} identifier />;
}
