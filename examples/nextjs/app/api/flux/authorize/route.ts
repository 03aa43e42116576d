// POST /api/flux/authorize — the dashboard's "policy decision before paying": the kernel's
// decision on the lines sent (every violation, with its code and line), nothing signed.
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
    return json(request, flux().authorize(text))
  } catch (e) {
    return error(request, e)
  }
}

export const OPTIONS = preflight
