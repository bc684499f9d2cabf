import { z } from 'zod';
import { TimestampSchema } from './identifiers';
import { FormatLocaleSchema } from './presswork-format';
import type { RpcContract } from './rpc-contract';

/**
 * The shop's identity as its documents print it (packing slips, invoices, later batch slips): name,
 * address and logo, set by an administrator (Operations → Shop identity…), stored by platform.
 */

export const SHOP_IDENTITY_SERVICE_PATH = '/services/platform/shop-identity';
export const SHOP_IDENTITY_ID = 'shop-identity';

export const MAX_LOGO_BYTES = 512 * 1024;
/** Wider or taller than this is no logo but an attempt to make the PDF renderer allocate gigabytes. */
export const MAX_LOGO_SIDE = 4000;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_LOGO_BASE64 = Math.ceil(MAX_LOGO_BYTES / 3) * 4;
const tooLarge = (bytes: number): string => `must be at most ${MAX_LOGO_BYTES / 1024} KB; this file has ${Math.ceil(bytes / 1024)} KB`;

/** A PNG or JPEG logo, as base64 (it travels in JSON and is stored in the document). */
export const ShopLogoSchema = z.object({
    type: z.enum(LOGO_TYPES, 'must be a PNG or JPEG image'),
    data: z.string()
}).superRefine((logo, context) => {
    const problem = logoProblem(logo.type, logo.data);
    if (problem) {
        context.addIssue({ code: 'custom', path: ['data'], message: problem });
    }
});
export type ShopLogo = z.infer<typeof ShopLogoSchema>;

const fields = {
    name: z.string().trim().min(1, 'is required: it heads every packing slip and invoice').max(120, 'must be at most 120 characters'),
    /** Lines as the shop writes them (street, town, phone). */
    address: z.string().trim().max(600, 'must be at most 600 characters').refine(text => text.split('\n').length <= 8, 'must be at most 8 lines'),
    /** The locale the documents are written in; empty: the server's. */
    documentLocale: FormatLocaleSchema.default('')
};

export const ShopIdentitySchema = z.object({
    id: z.literal(SHOP_IDENTITY_ID),
    version: z.number().int().nonnegative(),
    ...fields,
    logo: ShopLogoSchema.optional(),
    updatedAt: TimestampSchema,
    updatedBy: z.string().max(64)
});
export type ShopIdentity = z.infer<typeof ShopIdentitySchema>;

/** What the administrator saves: `logo` undefined keeps the stored one, null removes it. */
export const ShopIdentityInputSchema = z.object({
    ...fields,
    logo: ShopLogoSchema.nullable().optional()
});
export type ShopIdentityInput = z.input<typeof ShopIdentityInputSchema>;

export const ShopIdentityService = Symbol('ShopIdentityService');
export interface ShopIdentityService {
    /** Undefined until an administrator saves one. */
    get(): Promise<ShopIdentity | undefined>;
    /** `version` of the identity replaced, undefined for the first. */
    save(version: number | undefined, input: ShopIdentityInput): Promise<ShopIdentity>;
}

export const ShopIdentityServiceContract: RpcContract<ShopIdentityService> = {
    get: { access: 'settings.manage', args: z.tuple([]) },
    save: { access: 'settings.manage', args: z.tuple([z.number().int().nonnegative().optional(), ShopIdentityInputSchema]) }
};

/**
 * Why these bytes are not a logo that can be printed, in words; undefined when they are. The bytes
 * are read, never trusted by their declared type: an SVG or HTML named `.png` is refused here.
 */
export function logoProblem(type: string, base64: string): string | undefined {
    if (base64.length > MAX_LOGO_BASE64) {
        // Measured before anything is decoded: an upload of megabytes costs no work.
        return tooLarge(Math.floor(base64.length / 4) * 3);
    }
    if (!BASE64.test(base64)) {
        return 'is not a readable file (not base64)';
    }
    const bytes = decodeBase64(base64);
    if (bytes.length > MAX_LOGO_BYTES) {
        return tooLarge(bytes.length);
    }
    const size = type === 'image/png' ? pngSize(bytes) : type === 'image/jpeg' ? jpegSize(bytes) : undefined;
    if (!size) {
        return type === 'image/png' || type === 'image/jpeg'
            ? `is not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image`
            : 'must be a PNG or JPEG image';
    }
    if (size.width < 1 || size.height < 1 || size.width > MAX_LOGO_SIDE || size.height > MAX_LOGO_SIDE) {
        return `must be at most ${MAX_LOGO_SIDE} × ${MAX_LOGO_SIDE} pixels; this image is ${size.width} × ${size.height}`;
    }
    return undefined;
}

function decodeBase64(base64: string): Uint8Array {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) {
        bytes[index] = binary.charCodeAt(index);
    }
    return bytes;
}

interface PixelSize { readonly width: number; readonly height: number }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The size in a PNG's first chunk, which must be IHDR; undefined for anything else. */
function pngSize(bytes: Uint8Array): PixelSize | undefined {
    if (bytes.length < 33 || PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte)) {
        return undefined;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
    if (view.getUint32(8) !== 13 || ihdr !== 'IHDR') {
        return undefined;
    }
    return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size in a JPEG's frame header (SOFn), found by walking its segments; undefined if there is none. */
function jpegSize(bytes: Uint8Array): PixelSize | undefined {
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
        return undefined;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 2;
    while (offset + 4 <= bytes.length) {
        if (bytes[offset] !== 0xff) {
            return undefined;
        }
        const marker = bytes[offset + 1];
        const length = view.getUint16(offset + 2);
        const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isFrame) {
            return offset + 9 <= bytes.length ? { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) } : undefined;
        }
        if (length < 2) {
            return undefined;
        }
        offset += 2 + length;
    }
    return undefined;
}
