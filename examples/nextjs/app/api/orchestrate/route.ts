// POST /api/orchestrate — intent → optimal cart; nothing is paid. The body is handed to the kernel
// as text, so the budget is read from its exact digits (never through a float).
import { flux } from '@/lib/flux'
import { error, json, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const body = await request.text()
  try {
    return json(request, await flux().orchestrate(body))
  } catch (e) {
    return error(request, e, 'body')
  }
}

export const OPTIONS = preflight
