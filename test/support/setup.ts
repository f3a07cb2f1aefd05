/** What a test names when a system tool it needs is missing: the setup step `npm test` runs first. */
export const SETUP_COMMAND = "node scripts/setup.js (as root; npm test runs it before the suite)";
