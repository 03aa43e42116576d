// GET / for API clients (next.config.ts rewrites `/` here unless the client asks for HTML).
import { http } from 'fluxos'

import { flux } from '@/lib/flux'
import { preflight, respond, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  return respond(request, await http.serve(flux(), request, { path: '/' }))
}

export const OPTIONS = preflight
