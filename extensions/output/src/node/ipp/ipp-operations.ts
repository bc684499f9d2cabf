/**
 * IPP operation ids and status codes (RFC 8011 5.4.15 and 13.1, PWG 5100.13 for Identify-Printer),
 * with their registered names, so a log line or an error says `client-error-not-found` rather
 * than `0x0406`.
 */

export const IppOperation = {
    PrintJob: 0x0002,
    PrintUri: 0x0003,
    ValidateJob: 0x0004,
    CreateJob: 0x0005,
    SendDocument: 0x0006,
    SendUri: 0x0007,
    CancelJob: 0x0008,
    GetJobAttributes: 0x0009,
    GetJobs: 0x000a,
    GetPrinterAttributes: 0x000b,
    HoldJob: 0x000c,
    ReleaseJob: 0x000d,
    RestartJob: 0x000e,
    PausePrinter: 0x0010,
    ResumePrinter: 0x0011,
    PurgeJobs: 0x0012,
    SetPrinterAttributes: 0x0013,
    SetJobAttributes: 0x0014,
    GetPrinterSupportedValues: 0x0015,
    CreatePrinterSubscriptions: 0x0016,
    CreateJobSubscriptions: 0x0017,
    GetSubscriptionAttributes: 0x0018,
    GetSubscriptions: 0x0019,
    RenewSubscription: 0x001a,
    CancelSubscription: 0x001b,
    GetNotifications: 0x001c,
    EnablePrinter: 0x0022,
    DisablePrinter: 0x0023,
    PausePrinterAfterCurrentJob: 0x0024,
    HoldNewJobs: 0x0025,
    ReleaseHeldNewJobs: 0x0026,
    CancelCurrentJob: 0x002d,
    SuspendCurrentJob: 0x002e,
    ResumeJob: 0x002f,
    PromoteJob: 0x0030,
    CancelJobs: 0x0038,
    CancelMyJobs: 0x0039,
    CloseJob: 0x003b,
    IdentifyPrinter: 0x003c,
    ValidateDocument: 0x003d
} as const;
export type IppOperationId = typeof IppOperation[keyof typeof IppOperation];

const OPERATION_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(IppOperation).map(([key, id]) => [id, key.replace(/([a-z])([A-Z])/g, '$1-$2').replace('Uri', 'URI')]));

/** `Print-Job` for 0x0002; `operation 0x4001` for one this module does not know. */
export function operationName(id: number): string {
    return OPERATION_NAMES.get(id) ?? `operation 0x${id.toString(16).padStart(4, '0')}`;
}

/** Status codes by their RFC 8011 / PWG names. */
export const IPP_STATUS_NAMES: Readonly<Record<number, string>> = {
    0x0000: 'successful-ok',
    0x0001: 'successful-ok-ignored-or-substituted-attributes',
    0x0002: 'successful-ok-conflicting-attributes',
    0x0003: 'successful-ok-ignored-subscriptions',
    0x0005: 'successful-ok-too-many-events',
    0x0007: 'successful-ok-events-complete',
    0x0400: 'client-error-bad-request',
    0x0401: 'client-error-forbidden',
    0x0402: 'client-error-not-authenticated',
    0x0403: 'client-error-not-authorized',
    0x0404: 'client-error-not-possible',
    0x0405: 'client-error-timeout',
    0x0406: 'client-error-not-found',
    0x0407: 'client-error-gone',
    0x0408: 'client-error-request-entity-too-large',
    0x0409: 'client-error-request-value-too-long',
    0x040a: 'client-error-document-format-not-supported',
    0x040b: 'client-error-attributes-or-values-not-supported',
    0x040c: 'client-error-uri-scheme-not-supported',
    0x040d: 'client-error-charset-not-supported',
    0x040e: 'client-error-conflicting-attributes',
    0x040f: 'client-error-compression-not-supported',
    0x0410: 'client-error-compression-error',
    0x0411: 'client-error-document-format-error',
    0x0412: 'client-error-document-access-error',
    0x0413: 'client-error-attributes-not-settable',
    0x0414: 'client-error-ignored-all-subscriptions',
    0x0415: 'client-error-too-many-subscriptions',
    0x0418: 'client-error-document-password-error',
    0x0419: 'client-error-document-permission-error',
    0x041a: 'client-error-document-security-error',
    0x041b: 'client-error-document-unprintable-error',
    0x041c: 'client-error-account-info-needed',
    0x041d: 'client-error-account-closed',
    0x041e: 'client-error-account-limit-reached',
    0x041f: 'client-error-account-authorization-failed',
    0x0420: 'client-error-not-fetchable',
    0x0500: 'server-error-internal-error',
    0x0501: 'server-error-operation-not-supported',
    0x0502: 'server-error-service-unavailable',
    0x0503: 'server-error-version-not-supported',
    0x0504: 'server-error-device-error',
    0x0505: 'server-error-temporary-error',
    0x0506: 'server-error-not-accepting-jobs',
    0x0507: 'server-error-busy',
    0x0508: 'server-error-job-canceled',
    0x0509: 'server-error-multiple-document-jobs-not-supported',
    0x050a: 'server-error-printer-is-deactivated',
    0x050b: 'server-error-too-many-jobs',
    0x050c: 'server-error-too-many-documents'
};

export const IppStatus = {
    ok: 0x0000,
    okIgnoredOrSubstituted: 0x0001,
    notAuthenticated: 0x0402,
    notAuthorized: 0x0403,
    notPossible: 0x0404,
    notFound: 0x0406,
    gone: 0x0407,
    attributesOrValuesNotSupported: 0x040b,
    busy: 0x0507
} as const;

/** The registered name, or `status 0x0abc` for an unregistered code. */
export function statusName(code: number): string {
    return IPP_STATUS_NAMES[code] ?? `status 0x${code.toString(16).padStart(4, '0')}`;
}

/** Successful and informational statuses are below 0x0400 (RFC 8011 13.1). */
export function isErrorStatus(code: number): boolean {
    return code >= 0x0400;
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
    0x0000: 'done',
    0x0001: 'done, but the printer ignored or substituted some attributes',
    0x0002: 'done, but some attributes conflicted',
    0x0400: 'the printer could not understand the request',
    0x0401: 'the printer forbids this',
    0x0402: 'the printer wants a user name and password',
    0x0403: 'the user is not allowed to do this on the printer',
    0x0404: 'the printer cannot do this now',
    0x0405: 'the printer gave up waiting for the rest of the request',
    0x0406: 'the printer does not know this job',
    0x0407: 'the job is gone from the printer',
    0x0408: 'the file is too large for the printer',
    0x040a: 'the printer does not take this file format',
    0x040b: 'the printer does not support some of the requested settings',
    0x040e: 'some requested settings conflict',
    0x0411: 'the printer could not read the file',
    0x0500: 'the printer had an internal error',
    0x0501: 'the printer does not support this operation',
    0x0502: 'the printer is unavailable',
    0x0503: 'the printer does not speak this IPP version',
    0x0504: 'the printer reports a device error',
    0x0505: 'the printer had a temporary error; try again',
    0x0506: 'the printer is not accepting jobs',
    0x0507: 'the printer is busy; try again',
    0x0508: 'the job was canceled'
};

/** A status in words for an operator: `the printer does not know this job (client-error-not-found)`. */
export function statusInWords(code: number): string {
    const words = STATUS_WORDS[code];
    return words ? `${words} (${statusName(code)})` : statusName(code);
}
