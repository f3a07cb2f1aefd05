/** Accounts, roles, passwords (scrypt) and sessions. */

export {
  type ApprovalPasskey,
  assertionOptions,
  hasPasskey,
  listPasskeys,
  type RelyingParty,
  registerPasskey,
  registrationOptions,
  signInWithPasskey,
  verifyPasskeyAssertion,
} from "./passkeys.ts";
export { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from "./password.ts";
export { createSession, endSession, findSession, SESSION_HOURS } from "./sessions.ts";
export { isKnownDevice, rememberDevice, THROTTLE } from "./throttle.ts";
export {
  AccountError,
  completeSetup,
  createUser,
  listUsers,
  publicUser,
  ROLES,
  type Role,
  roleAtLeast,
  type SignInResult,
  setUserDisabled,
  signIn,
} from "./users.ts";
