/** A CLI failure whose message already says what to do; printed as one line, exit code 1. */
export class CliError extends Error {}
