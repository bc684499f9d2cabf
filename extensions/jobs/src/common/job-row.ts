/** The row type is the platform's, so job actions of every extension see the same thing. */
export * from '@presswork/platform/lib/common/job-row';
