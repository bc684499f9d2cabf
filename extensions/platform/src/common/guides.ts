/** The guides Presswork serves to signed-in users (Help menu), by the name in their address. */
export const GUIDES_ROUTE = '/guides';
export const GUIDES = {
    operator: { file: 'operator-guide.md', title: 'Operator guide' },
    administrator: { file: 'administrator-guide.md', title: 'Administrator guide' }
} as const;
export type GuideName = keyof typeof GUIDES;
