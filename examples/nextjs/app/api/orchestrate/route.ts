// POST /api/orchestrate — intent → optimal cart; nothing is paid. The kernel reads the raw body
// (numbers from their exact digits) and gives the answer; this route moves bytes.
import { http } from 'fluxos'

import { flux } from '@/lib/flux'
import { preflight, readLimited, respond } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const body = await readLimited(request, http.MAX_JSON_BODY)
  if (body === null) return respond(request, http.bodyTooLarge(http.MAX_JSON_BODY))
  const amounts = new URL(request.url).searchParams.get('amounts')
  return respond(request, await http.orchestrate(flux(), body, { amounts }))
}

export const OPTIONS = preflight
