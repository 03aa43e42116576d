// POST /api/execute_payment — the seed's list of cart lines; policy first, then the settler.
// 403 {"detail": "Policy Violation: ..."} when denied: nothing is signed then. The same
// Idempotency-Key never pays twice (a replay answers `Idempotent-Replayed: true`); a cart above
// the approval threshold needs a signed approval in `X-Flux-Approval`.
import { http } from 'fluxos'

import { flux } from '@/lib/flux'
import { preflight, readLimited, respond } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const body = await readLimited(request, http.MAX_JSON_BODY)
  if (body === null) return respond(request, http.bodyTooLarge(http.MAX_JSON_BODY))
  const amounts = new URL(request.url).searchParams.get('amounts')
  const idempotencyKey = request.headers.get('idempotency-key')
  const approval = request.headers.get('x-flux-approval')
  return respond(request, await http.executePayment(flux(), body, { idempotencyKey, approval, amounts }))
}

export const OPTIONS = preflight
