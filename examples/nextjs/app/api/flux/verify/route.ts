// POST /api/flux/verify — a receipt bundle, verified by the kernel (offline for the sandbox; on
// chain for a broadcast EVM bundle).
import { flux } from '@/lib/flux'
import { error, json, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  try {
    return json(request, await flux().verify(await request.text()))
  } catch (e) {
    return error(request, e)
  }
}

export const OPTIONS = preflight
