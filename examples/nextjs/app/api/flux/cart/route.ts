// POST /api/flux/cart — cart edits by the kernel: {op, lines, line_id, ...}
//   remove                     → the cart without the line
//   quantity  {quantity}       → packs at the same pack price
//   units     {units, intent}  → units of the same offer, re-quoted (volume discounts)
//   replace   {offer_id, units, intent} → the line replaced by another offer of its need
import { removeLine, setQuantity } from 'fluxos'

import { flux } from '@/lib/flux'
import { badBody, error, json, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Edit = { op?: string; lines?: unknown[]; line_id?: string; offer_id?: string; units?: number; quantity?: number; intent?: object }

export async function POST(request: Request) {
  let e: Edit
  try {
    e = await request.json()
  } catch {
    return badBody(request, 'op', 'expected a JSON edit')
  }
  if (!Array.isArray(e?.lines) || typeof e.line_id !== 'string') return badBody(request, 'lines', 'lines and line_id are required')
  const lines = e.lines as Parameters<typeof removeLine>[0]
  try {
    switch (e.op) {
      case 'remove':
        return json(request, removeLine(lines, e.line_id))
      case 'quantity':
        return json(request, setQuantity(lines, e.line_id, Number(e.quantity)))
      case 'units':
        return json(request, await flux().setUnits(lines, e.line_id, Number(e.units), e.intent as never))
      case 'replace':
        return json(request, await flux().replaceLine(lines, e.line_id, String(e.offer_id), Number(e.units), e.intent as never))
      default:
        return badBody(request, 'op', 'op is remove, quantity, units or replace')
    }
  } catch (err) {
    return error(request, err, 'line_id')
  }
}

export const OPTIONS = preflight
