// fluxos — the ESM entry: the same module as `index.cjs` (one instance of every class, so
// `instanceof FluxError` holds whichever entry a caller imported).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const fluxos = require('./index.cjs')

export const {
  Flux,
  http,
  FluxError,
  InvalidInput,
  PolicyViolation,
  ApprovalRequired,
  Conflict,
  NotFound,
  Unavailable,
  SettlementError,
  ConfigError,
  InternalError,
  VERSION,
  FEATURES,
  approvalMessage,
  canonicalJson,
  cart,
  cartId,
  configSchema,
  fromUnits,
  parseAmount,
  receiptBundle,
  removeLine,
  sandboxAddress,
  sandboxSignTransfer,
  setQuantity,
  toUnits,
  verifyAuditJsonl,
} = fluxos

export default fluxos
