// POST /api/flux/execute — {lines, intent_hash?}: the settlement and its receipt bundle.
import { receiptBundle } from 'fluxos'

import { flux } from '@/lib/flux'
import { badBody, error, json, jsonText, preflight, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  const text = await jsonText(request)
  if (text instanceof Response) return text
  let body: { lines?: unknown; intent_hash?: unknown }
  try {
    body = JSON.parse(text)
  } catch {
    return badBody(request, 'lines', 'expected {"lines": [...], "intent_hash"?}')
  }
  if (!Array.isArray(body?.lines)) return badBody(request, 'lines', 'lines must be a list of cart lines')
  const intentHash = typeof body.intent_hash === 'string' ? body.intent_hash : undefined
  try {
    const settlement = await flux().execute(body.lines, { intentHash })
    return json(request, { settlement, receipt: receiptBundle(settlement) })
  } catch (e) {
    return error(request, e)
  }
}

export const OPTIONS = preflight
