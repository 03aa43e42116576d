// POST /api/execute_payment — the seed's list of cart lines; policy first, then the settler.
// 403 {"detail": "Policy Violation: ..."} when denied: nothing is signed then. The same
// Idempotency-Key never pays twice (a replay answers `Idempotent-Replayed: true`); a cart above
// the approval threshold needs a signed approval in `X-Flux-Approval`.
import { http } from 'fluxos'

import { flux } from '@/lib/flux'
import { preflight, respond, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  return respond(request, await http.serve(flux(), request))
}

export const OPTIONS = preflight
