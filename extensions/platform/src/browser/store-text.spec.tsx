import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Identifier, StoreText } from './store-text';

describe('StoreText', () => {
    it('isolates store text and shows it as it is', () => {
        assert.equal(renderToStaticMarkup(<StoreText text={'Ärzte & Söhne'} />), '<bdi class="presswork-store-text">Ärzte &amp; Söhne</bdi>');
        assert.equal(renderToStaticMarkup(<StoreText text='שלום' className='x' />), '<bdi class="presswork-store-text x">שלום</bdi>');
        assert.equal(renderToStaticMarkup(<StoreText text={undefined} />), '<bdi class="presswork-store-text"></bdi>');
    });

    it('closes an override a name leaves open, inside its isolation', () => {
        assert.equal(renderToStaticMarkup(<StoreText text={'Anna\u202Efdp.exe'} />), '<bdi class="presswork-store-text">Anna\u202Efdp.exe\u202C</bdi>');
    });

    it('shows the hidden characters of an identifier as markers that stand out', () => {
        const markup = renderToStaticMarkup(<Identifier text={'10\u200B01\u202Efdp.exe'} />);
        assert.match(markup, /^<bdi class="presswork-store-text" data-hidden-characters="U\+200B U\+202E" title="Contains hidden characters: U\+200B, U\+202E">/);
        assert.match(markup, /10<span class="presswork-hidden-character">⟨U\+200B⟩<\/span>01<span class="presswork-hidden-character">⟨U\+202E⟩<\/span>fdp\.exe<\/bdi>$/);
        assert.doesNotMatch(markup, /[\u200B\u202E]/);
    });

    it('leaves an ordinary identifier, and a name with hidden characters, without markers', () => {
        assert.equal(renderToStaticMarkup(<Identifier text='MC-1001' />), '<bdi class="presswork-store-text">MC-1001</bdi>');
        assert.doesNotMatch(renderToStaticMarkup(<StoreText text={'An\u200Bna'} />), /presswork-hidden-character/);
    });
});
