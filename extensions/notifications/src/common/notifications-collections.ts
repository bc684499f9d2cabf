/** The notifications extension's own collections, by name: folders on disk and change feed keys. */
export const NotificationCollectionNames = {
    /** Rules: event, conditions, channel, recipients, template, storm control. */
    rules: 'notification-rules',
    /** Webhook endpoints: URL, the events they want, the sealed signing secret. */
    endpoints: 'notification-endpoints',
    /** One delivery (a message to a rule's recipients or a POST to an endpoint) with its attempts. */
    deliveries: 'notification-deliveries',
    /** Settings documents: `email` (SMTP) and the dispatcher's journal position `dispatcher`. */
    settings: 'notification-settings'
} as const;
