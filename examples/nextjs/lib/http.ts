// HTTP helpers shared by the route handlers: CORS (the original dashboard calls from another
// origin with an `X-FluxOS` header), amounts on the wire, and errors mapped by the kernel's kind.
import 'server-only'
import { FluxError, PolicyViolation, VERSION } from 'fluxos'

/** Allowed origins: FLUX_CORS_ORIGINS (comma-separated) or `*` (without credentials). */
const ORIGINS = (process.env.FLUX_CORS_ORIGINS ?? '*').split(',').map((o) => o.trim()).filter(Boolean)
const ALLOW_HEADERS = 'Content-Type, X-FluxOS, Idempotency-Key'

function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin')
  if (ORIGINS.includes('*')) return { 'Access-Control-Allow-Origin': '*' }
  if (origin && ORIGINS.includes(origin)) return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
  return { Vary: 'Origin' }
}

/** The answer to a CORS preflight (`OPTIONS`). */
export function preflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(request),
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  })
}

// Keys whose values are amounts in the kernel's JSON (exact decimal strings there); the same set
// as the Python example, so both servers answer byte-compatible JSON.
const AMOUNT_KEYS = 'amount|approval_threshold|budget|limit|line_total|max_budget_cap|original_price|per_transfer_cap|price|remaining_budget|total|unit_price'
// In compact JSON a key follows `{` or `,`, and quotes inside strings are escaped, so this only
// matches a real key with a plain decimal string value.
const AMOUNT_RE = new RegExp(`([{,]"(?:${AMOUNT_KEYS})":)"([0-9]+(?:\\.[0-9]+)?)"`, 'g')

/**
 * JSON of a kernel result. Amounts go out as JSON numbers whose text is the exact decimal (the
 * seed's dashboard does arithmetic on them), or as exact strings with `?amounts=string`.
 */
export function json(request: Request, value: unknown, status = 200): Response {
  let text = JSON.stringify(value)
  if (new URL(request.url).searchParams.get('amounts') !== 'string') text = text.replace(AMOUNT_RE, '$1$2')
  return new Response(text, { status, headers: { 'content-type': 'application/json', ...corsHeaders(request) } })
}

/** Plain JSON (no amounts), with CORS. */
export function plain(request: Request, value: unknown, status = 200): Response {
  return Response.json(value, { status, headers: corsHeaders(request) })
}

/**
 * A kernel error as the seed's API answers it: 403 `{"detail": "Policy Violation: ..."}` with the
 * violations; FastAPI's 422 shape naming the field, with the kernel's code as `type`; otherwise
 * `{"detail", "code"}` with the kernel's HTTP status.
 */
export function error(request: Request, e: unknown, field: string, where: (field: string) => string = () => 'body'): Response {
  if (!(e instanceof FluxError)) throw e
  const status = e.httpStatus
  if (e instanceof PolicyViolation) {
    return plain(request, { detail: e.message, code: e.code, violations: e.violations }, status)
  }
  if (status === 422) {
    const named = e.field ?? (e.code === 'INVALID_AMOUNT' ? 'budget' : field)
    return plain(request, { detail: [{ loc: [where(named), named], msg: e.message, type: e.code }] }, status)
  }
  return plain(request, { detail: e.message, code: e.code }, status)
}

/** A request the kernel did not get to see (a missing or unreadable part), FastAPI's 422 shape. */
export function badBody(request: Request, field: string, msg: string, type = 'invalid_body', where = 'body'): Response {
  return plain(request, { detail: [{ loc: [where, field], msg, type }] }, 422)
}

export { VERSION }
