// POST /api/execute_payment — the seed's list of cart lines; policy first, then the settler.
// 403 {"detail": "Policy Violation: ..."} when denied: nothing is signed then.
import { flux } from '@/lib/flux'
import { error, json, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const body = await request.text()
  const idempotencyKey = request.headers.get('idempotency-key') ?? undefined
  try {
    return json(request, await flux().execute(body, { idempotencyKey }))
  } catch (e) {
    return error(request, e, 'cart')
  }
}

export const OPTIONS = preflight
