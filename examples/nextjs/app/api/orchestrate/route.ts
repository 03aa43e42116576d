// POST /api/orchestrate — intent → optimal cart; nothing is paid. The kernel reads the raw body
// (numbers from their exact digits) and gives the answer; this route moves bytes.
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
