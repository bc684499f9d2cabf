/**
 * IPP `printer-state-reasons` and `job-state-reasons` keywords (RFC 8011 5.3.8 / 5.4.12,
 * PWG 5100.9, 5100.13) in plain English for an operator at the press: "out of paper", not
 * `media-empty-error`. A keyword this table does not know is shown readably (dashes to spaces).
 */

const SEVERITY_SUFFIX = /-(error|warning|report)$/;

const REASON_WORDS: Readonly<Record<string, string>> = {
    'none': 'ready',
    'other': 'a problem the printer does not name',
    // Paper and media
    'media-empty': 'out of paper',
    'media-low': 'paper low',
    'media-jam': 'paper jam',
    'media-needed': 'needs paper loaded',
    'media-path-jam': 'paper jam',
    'input-tray-missing': 'a paper tray is missing',
    'input-media-type-mismatch': 'wrong paper type loaded',
    'input-media-size-mismatch': 'wrong paper size loaded',
    'output-area-full': 'output tray full',
    'output-area-almost-full': 'output tray almost full',
    'output-tray-missing': 'an output tray is missing',
    // Toner, ink, supplies
    'toner-low': 'toner low',
    'toner-empty': 'out of toner',
    'marker-supply-low': 'ink or toner low',
    'marker-supply-empty': 'out of ink or toner',
    'marker-supply-missing': 'an ink or toner cartridge is missing',
    'marker-waste-almost-full': 'waste toner almost full',
    'marker-waste-full': 'waste toner full',
    'developer-low': 'developer low',
    'developer-empty': 'out of developer',
    'fuser-over-temp': 'fuser too hot',
    'fuser-under-temp': 'fuser warming up',
    'opc-near-eol': 'drum nearly worn out',
    'opc-life-over': 'drum worn out',
    // Doors, covers, connection
    'door-open': 'a door is open',
    'cover-open': 'a cover is open',
    'interlock-open': 'an interlock is open',
    'offline': 'offline',
    'shutdown': 'shut down',
    'connecting-to-device': 'connecting to the printer',
    'timed-out': 'the printer does not answer',
    'spool-area-full': 'the printer\'s job storage is full',
    'stopped-partly': 'partly stopped',
    'stopping': 'stopping',
    'paused': 'stopped',
    'stopped': 'stopped',
    'moving-to-paused': 'stopping after the current job',
    'printer-restarted': 'the printer restarted',
    'identify-printer-requested': 'identifying itself',
    'deactivated': 'deactivated',
    'hold-new-jobs': 'holding new jobs',
    // Finishing
    'staple-empty': 'out of staples',
    'staple-low': 'staples low',
    'stapler-jam': 'stapler jam',
    'punch-full': 'hole punch waste full',
    'binder-empty': 'out of binding supplies',
    // Jobs
    'job-incoming': 'receiving the job',
    'job-data-insufficient': 'waiting for the rest of the job',
    'document-access-error': 'could not fetch the document',
    'submission-interrupted': 'the job was interrupted while being sent',
    'job-outgoing': 'sending the job on',
    'job-hold-until-specified': 'held until a set time',
    'resources-are-not-ready': 'waiting for paper or other resources',
    'printer-stopped-partly': 'the printer is partly stopped',
    'printer-stopped': 'the printer is stopped',
    'job-interpreting': 'interpreting the file',
    'job-queued': 'queued',
    'job-transforming': 'converting the file',
    'job-queued-for-marker': 'waiting for the printer',
    'job-printing': 'printing',
    'job-canceled-by-user': 'canceled by the user',
    'job-canceled-by-operator': 'canceled by an operator',
    'job-canceled-at-device': 'canceled at the printer',
    'aborted-by-system': 'stopped by the printer',
    'unsupported-compression': 'compression not supported',
    'compression-error': 'the file could not be decompressed',
    'unsupported-document-format': 'file format not supported',
    'document-format-error': 'the file could not be read',
    'processing-to-stop-point': 'stopping',
    'service-off-line': 'the printer is offline',
    'job-completed-successfully': 'completed',
    'job-completed-with-warnings': 'completed with warnings',
    'job-completed-with-errors': 'completed with errors',
    'job-restartable': 'can be restarted',
    'queued-in-device': 'queued at the printer',
    'job-fetchable': 'waiting to be fetched',
    'job-password-wait': 'waiting for a password',
    'job-printed-successfully': 'printed',
    'job-printed-with-warnings': 'printed with warnings',
    'job-printed-with-errors': 'printed with errors',
    'job-suspended': 'suspended',
    'job-suspended-by-operator': 'suspended by an operator',
    'job-suspended-by-system': 'suspended by the printer',
    'job-suspended-by-user': 'suspended by the user',
    'job-suspending': 'suspending',
    'account-authorization-failed': 'account not authorized',
    'account-closed': 'account closed',
    'account-info-needed': 'account information needed',
    'account-limit-reached': 'account limit reached',
    'document-password-error': 'wrong document password',
    'document-permission-error': 'the document does not permit printing',
    'document-security-error': 'the document\'s security settings prevent printing',
    'document-unprintable-error': 'the document cannot be printed',
    'errors-detected': 'errors found',
    'warnings-detected': 'warnings found',
    'digital-signature-did-not-verify': 'the digital signature did not verify'
};

/** One reason keyword in words, with or without its -error / -warning / -report suffix. */
export function reasonInWords(keyword: string): string {
    const trimmed = keyword.trim();
    const base = trimmed.replace(SEVERITY_SUFFIX, '');
    const known = REASON_WORDS[trimmed] ?? REASON_WORDS[base];
    if (known) {
        return known;
    }
    const words = base.replace(/[-_]+/g, ' ').trim();
    return words || trimmed;
}

/**
 * Several reasons as one phrase: "out of paper, a cover is open and toner low". `none` and repeated
 * meanings are dropped; no reason at all reads "ready".
 */
export function reasonsInWords(keywords: readonly string[]): string {
    const phrases = [...new Set(keywords.filter(keyword => keyword.trim() && keyword !== 'none').map(reasonInWords))];
    if (phrases.length === 0) {
        return REASON_WORDS['none'];
    }
    if (phrases.length === 1) {
        return phrases[0];
    }
    return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}
