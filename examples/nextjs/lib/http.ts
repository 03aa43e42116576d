// HTTP plumbing shared by the route handlers. The contract's answers come from the kernel
// (`http.serve` of fluxos, i.e. flux_core::http::serve, which reads the body under its limit, the
// query, the headers and the multipart form): these helpers only answer CORS (the original
// dashboard calls from another origin with an `X-FluxOS` header) and turn answers into Responses.
import 'server-only'
import { FluxError, http, type HttpAnswer } from 'fluxos'

/**
 * Allowed origins: FLUX_CORS_ORIGINS (comma-separated; `*` for any, without credentials). A page an
 * origin serves may plan and pay through these routes, so by default only this machine's own pages
 * are allowed (localhost, 127.0.0.1, [::1], any port).
 */
const ORIGINS = (process.env.FLUX_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?$/
const ALLOW_HEADERS = 'Content-Type, X-FluxOS, Idempotency-Key, X-Flux-Approval, Authorization'

/**
 * Host names the API answers: FLUX_ALLOWED_HOSTS (comma-separated; `*` for any), by default this
 * machine's (localhost, 127.0.0.1, [::1]). A page of another site whose name was pointed at this
 * machine (DNS rebinding) is same-origin to the browser and needs no CORS: only the Host header
 * it sends tells it apart.
 */
const HOSTS = (process.env.FLUX_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?$/

/** 403 `UNTRUSTED_HOST` for a request to a host name the API does not answer, else `null`. */
export function untrustedHost(request: Request): Response | null {
  const host = (request.headers.get('host') ?? '').toLowerCase()
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  const allowed = HOSTS.includes('*') || (HOSTS.length > 0 ? HOSTS.includes(host) || HOSTS.includes(name) : LOOPBACK_HOST.test(host))
  if (allowed) return null
  const body = { detail: 'this server answers its own host names only (FLUX_ALLOWED_HOSTS)', code: 'UNTRUSTED_HOST' }
  return new Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/json' } })
}

function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin')
  const expose = { 'Access-Control-Expose-Headers': 'Idempotent-Replayed' }
  if (ORIGINS.includes('*')) return { 'Access-Control-Allow-Origin': '*', ...expose }
  const allowed = ORIGINS.length > 0 ? ORIGINS.includes(origin ?? '') : LOOPBACK_ORIGIN.test(origin ?? '')
  if (origin && allowed) return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...expose }
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

/** A kernel answer as the route's Response, with CORS. */
export function respond(request: Request, answer: HttpAnswer): Response {
  return http.toResponse(answer, corsHeaders(request))
}

/** JSON of a kernel result for the dashboard's own routes (amounts are exact strings). */
export function json(request: Request, value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...corsHeaders(request) } })
}

/** A kernel error for the dashboard's own routes: `{detail, code, field, violations}` at its status. */
export function error(request: Request, e: unknown): Response {
  if (!(e instanceof FluxError)) throw e
  return json(request, { detail: e.message, code: e.code, field: e.field, violations: e.violations }, e.httpStatus)
}

/**
 * The request's body as text when it is said to be JSON, else the 415 to answer: a text or form
 * body is what any web page may send here cross-origin without a CORS preflight, and these routes
 * edit, decide and pay (`http.unlessJson`, the kernel's rule).
 */
export async function jsonText(request: Request): Promise<string | Response> {
  const refused = http.unlessJson(request, { required: true })
  return refused ? respond(request, refused) : request.text()
}

/** A request the kernel did not get to see (a missing or unreadable part): 422. */
export function badBody(request: Request, field: string, msg: string): Response {
  return respond(request, http.invalid('body', field, msg, 'invalid_body'))
}
