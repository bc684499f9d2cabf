/**
 * What a printer says it can do and has ready, and how it is doing: read from IPP
 * Get-Printer-Attributes (RFC 8011 5.4, PWG 5100.13) and kept as plain values so that matching a
 * ticket, the Printers view and pools need no IPP knowledge.
 */

/** IPP `printer-state`. */
export type PrinterDeviceState = 'idle' | 'processing' | 'stopped';

/** A medium loaded in a tray (`media-col-ready`), or only named (`media-ready`). */
export interface ReadyMedia {
    readonly sizeName?: string;
    readonly widthHmm?: number;
    readonly heightHmm?: number;
    readonly type?: string;
    readonly weightGsm?: number;
    readonly color?: string;
    readonly source?: string;
    readonly key?: string;
}

/** A supply (`printer-supply` / `marker-*`), as far as the printer reports it. */
export interface SupplyLevel {
    readonly name: string;
    readonly kind?: string;
    readonly color?: string;
    /** 0–100, or undefined when the printer does not know. */
    readonly percent?: number;
}

export interface PrinterCapabilities {
    readonly makeAndModel?: string;
    readonly documentFormats: readonly string[];
    readonly copiesMax: number;
    readonly sidesSupported: readonly string[];
    readonly mediaSupported: readonly string[];
    readonly mediaReady: readonly ReadyMedia[];
    readonly mediaTypesSupported: readonly string[];
    readonly colorModesSupported: readonly string[];
    /** `finishings-supported` enum values. */
    readonly finishingsSupported: readonly number[];
    /** Whether `media-col` is accepted in a job ticket (`job-creation-attributes-supported` / `media-col-supported`). */
    readonly mediaColSupported: boolean;
    readonly identifyActionsSupported: readonly string[];
    readonly operationsSupported: readonly number[];
}

export interface PrinterStatus {
    readonly state: PrinterDeviceState;
    /** `printer-state-reasons` keywords, without `none`, e.g. `media-empty-error`. */
    readonly reasons: readonly string[];
    readonly message?: string;
    readonly supplies: readonly SupplyLevel[];
    /** `queued-job-count`, when reported. */
    readonly queuedJobs?: number;
}

/** IPP `job-state` (RFC 8011 5.3.7). */
export type DeviceJobState = 'pending' | 'pending-held' | 'processing' | 'processing-stopped' | 'canceled' | 'aborted' | 'completed';

/** A job as the printer reports it (Get-Job-Attributes / Get-Jobs). */
export interface DeviceJobStatus {
    readonly id: number;
    readonly name?: string;
    readonly state: DeviceJobState;
    /** `job-state-reasons` keywords, without `none`. */
    readonly reasons: readonly string[];
    readonly message?: string;
    readonly impressionsCompleted?: number;
    readonly sheetsCompleted?: number;
    readonly copiesCompleted?: number;
    readonly userName?: string;
    /** When the printer created the job (`date-time-at-creation`, ISO, by the printer's clock), where reported. */
    readonly createdAt?: string;
    /** When the job ended at the printer (`date-time-at-completed`, ISO, by the printer's clock), where reported. */
    readonly completedAt?: string;
}
