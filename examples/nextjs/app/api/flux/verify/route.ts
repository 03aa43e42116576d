// POST /api/flux/verify — a receipt bundle, verified by the kernel (offline for the sandbox; on
// chain for a broadcast EVM bundle).
import { flux } from '@/lib/flux'
import { error, json, jsonText, preflight, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  const text = await jsonText(request)
  if (text instanceof Response) return text
  try {
    return json(request, await flux().verify(text))
  } catch (e) {
    return error(request, e)
  }
}

export const OPTIONS = preflight
