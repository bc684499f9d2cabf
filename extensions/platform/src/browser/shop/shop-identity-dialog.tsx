import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Message } from '@theia/core/shared/@lumino/messaging';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '../../common/errors';
import { LOGO_TYPES, MAX_LOGO_BYTES, type ShopIdentity, type ShopIdentityInput } from '../../common/shop-identity';
import { type ShopIdentityDraft, checkShopIdentityDraft, shopIdentityDraftOf } from './shop-identity-draft';

/**
 * Operations → Shop identity… (administrators): the name, address and logo every packing slip and
 * invoice carries, and the language their dates and amounts are written in. Every problem is shown
 * beside its field at once; a failed save keeps what was typed.
 */
export class ShopIdentityDialog extends ReactDialog<boolean> {
    protected draft: ShopIdentityDraft;
    protected problems: Readonly<Record<string, string>> = {};
    protected saving = false;

    constructor(protected readonly identity: ShopIdentity | undefined, protected readonly save: (version: number | undefined, input: ShopIdentityInput) => Promise<unknown>) {
        super({ title: nls.localize('presswork/shop/title', 'Shop identity'), maxWidth: 560 } as DialogProps);
        this.draft = shopIdentityDraftOf(identity);
        this.appendCloseButton(nls.localize('presswork/shop/cancel', 'Cancel'));
        this.appendAcceptButton(nls.localize('presswork/shop/save', 'Save'));
    }

    get value(): boolean {
        return true;
    }

    protected override onActivateRequest(msg: Message): void {
        super.onActivateRequest(msg);
        requestAnimationFrame(() => this.contentNode.querySelector<HTMLElement>('input, textarea')?.focus());
    }

    protected override async accept(): Promise<void> {
        if (this.saving) {
            return;
        }
        const checked = checkShopIdentityDraft(this.draft);
        this.problems = this.logoRefusal ? { logo: this.logoRefusal, ...checked.problems } : checked.problems;
        this.update();
        if (!checked.input || this.logoRefusal) {
            this.setErrorMessage(nls.localize('presswork/shop/fix', 'Correct the fields marked above.'));
            return;
        }
        this.saving = true;
        try {
            await this.save(this.identity?.version, checked.input);
            await super.accept();
        } catch (error) {
            this.setErrorMessage(messageOf(error));
        } finally {
            this.saving = false;
        }
    }

    protected set<K extends keyof ShopIdentityDraft>(key: K, value: ShopIdentityDraft[K]): void {
        this.draft = { ...this.draft, [key]: value };
        const { [key]: _fixed, ...others } = this.problems;
        this.problems = others;
        if (key === 'logo') {
            this.logoRefusal = undefined;
        }
        this.setErrorMessage('');
        this.update();
    }

    /** Why the file last chosen was not taken (too large to read, not an image): it blocks saving until another is chosen. */
    protected logoRefusal: string | undefined;

    protected chooseLogo = async (event: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
        const file = event.target.files?.[0];
        if (!file) {
            return;
        }
        const type = LOGO_TYPES.find(candidate => candidate === file.type);
        this.logoRefusal = file.size > MAX_LOGO_BYTES
            ? nls.localize('presswork/shop/logoTooLarge', 'The logo must be at most {0} KB; this file has {1} KB.', MAX_LOGO_BYTES / 1024, Math.ceil(file.size / 1024))
            : !type ? nls.localize('presswork/shop/logoType', 'The logo must be a PNG or JPEG image.') : undefined;
        if (this.logoRefusal || !type) {
            this.update();
            return;
        }
        this.set('logo', { type, data: await readAsBase64(file) });
        this.problems = { ...this.problems, ...checkShopIdentityDraft(this.draft).problems };
        this.update();
    };

    protected render(): React.ReactNode {
        const logo = this.draft.logo === undefined ? this.identity?.logo : this.draft.logo ?? undefined;
        const problems: Readonly<Record<string, string | undefined>> = { ...this.problems, logo: this.logoRefusal ?? this.problems.logo };
        return <div className='presswork-form presswork-shop-identity'>
            <ShopField id='name' label={nls.localize('presswork/shop/name', 'Shop name')} problem={problems.name}>
                <input id='presswork-shop-name' className='theia-input' value={this.draft.name} maxLength={200}
                    aria-invalid={!!problems.name} onChange={event => this.set('name', event.target.value)} />
            </ShopField>
            <ShopField id='address' label={nls.localize('presswork/shop/address', 'Address')} problem={problems.address}
                help={nls.localize('presswork/shop/addressHelp', 'As it should print: street, town, phone, one per line.')}>
                <textarea id='presswork-shop-address' className='theia-input' rows={4} value={this.draft.address}
                    aria-invalid={!!problems.address} onChange={event => this.set('address', event.target.value)} />
            </ShopField>
            <ShopField id='locale' label={nls.localize('presswork/shop/locale', 'Document language')} problem={problems.documentLocale}
                help={nls.localize('presswork/shop/localeHelp', 'How dates and amounts are written on packing slips and invoices, e.g. en-US or de-DE; empty: the server\'s.')}>
                <input id='presswork-shop-locale' className='theia-input' value={this.draft.documentLocale} placeholder='en-US' spellCheck={false}
                    aria-invalid={!!problems.documentLocale} onChange={event => this.set('documentLocale', event.target.value)} />
            </ShopField>
            <ShopField id='logo' label={nls.localize('presswork/shop/logo', 'Logo')} problem={problems.logo}
                help={nls.localize('presswork/shop/logoHelp', 'A PNG or JPEG image of at most {0} KB.', MAX_LOGO_BYTES / 1024)}>
                {logo?.data && <img className='presswork-shop-logo' alt={nls.localize('presswork/shop/logoPreview', 'The shop logo')}
                    src={`data:${logo.type};base64,${logo.data}`} style={{ maxWidth: 120, maxHeight: 60 }} />}
                <input id='presswork-shop-logo' type='file' accept={LOGO_TYPES.join(',')} aria-invalid={!!problems.logo} onChange={this.chooseLogo} />
                {logo && <button className='theia-button secondary' onClick={() => this.set('logo', null)}>{nls.localize('presswork/shop/removeLogo', 'Remove logo')}</button>}
            </ShopField>
        </div>;
    }
}

/** A labelled row of the dialog: its control, a hint, and the problem with what was typed. */
function ShopField(props: { id: string; label: string; help?: string; problem?: string; children: React.ReactNode }): React.ReactElement {
    return <div className='presswork-form-row'>
        <label htmlFor={`presswork-shop-${props.id}`}>{props.label}</label>
        {props.children}
        {props.help && <span className='presswork-form-help'>{props.help}</span>}
        {props.problem && <span className='presswork-form-problem' role='alert'>{props.problem}</span>}
    </div>;
}

function readAsBase64(file: File): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}
