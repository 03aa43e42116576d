// POST /api/flux/cart — cart edits by the kernel: {op, lines, line_id, ...}
//   remove                     → the cart without the line
//   quantity  {quantity}       → packs at the same pack price
//   units     {units, intent}  → units of the same offer, re-quoted (volume discounts)
//   replace   {offer_id, units, intent} → the line replaced by another offer of its need
import { removeLine, setQuantity } from 'fluxos'

import { flux } from '@/lib/flux'
import { badBody, error, json, jsonText, preflight, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Edit = { op?: string; lines?: unknown[]; line_id?: string; offer_id?: string; units?: number; quantity?: number; intent?: object }

export async function POST(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  const text = await jsonText(request)
  if (text instanceof Response) return text
  let e: Edit
  try {
    e = JSON.parse(text)
  } catch {
    return badBody(request, 'op', 'expected a JSON edit')
  }
  if (!Array.isArray(e?.lines) || typeof e.line_id !== 'string') return badBody(request, 'lines', 'lines and line_id are required')
  const lines = e.lines as Parameters<typeof removeLine>[0]
  const count = (v: unknown) => (Number.isInteger(v) && (v as number) > 0 && (v as number) <= 1_000_000 ? (v as number) : null)
  const n = count(e.op === 'quantity' ? e.quantity : e.units)
  if (e.op !== 'remove' && n === null) return badBody(request, e.op === 'quantity' ? 'quantity' : 'units', 'a whole number from 1 to 1,000,000')
  try {
    switch (e.op) {
      case 'remove':
        return json(request, removeLine(lines, e.line_id))
      case 'quantity':
        return json(request, setQuantity(lines, e.line_id, n as number))
      case 'units':
        return json(request, await flux().setUnits(lines, e.line_id, n as number, e.intent as never))
      case 'replace':
        return json(request, await flux().replaceLine(lines, e.line_id, String(e.offer_id), n as number, e.intent as never))
      default:
        return badBody(request, 'op', 'op is remove, quantity, units or replace')
    }
  } catch (err) {
    return error(request, err)
  }
}

export const OPTIONS = preflight
