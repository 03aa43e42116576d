// GET / for API clients (next.config.ts rewrites `/` here unless the client asks for HTML).
import { flux } from '@/lib/flux'
import { plain, preflight, VERSION } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export function GET(request: Request) {
  const f = flux()
  return plain(request, { status: 'online', service: 'flux', version: VERSION, settler: f.settler, policy_hash: f.policy.hash })
}

export const OPTIONS = preflight
