// POST /api/upload_intent?budget=..&strategy=..&deadline_days=.. — a shopping list (text,
// Markdown, CSV, PDF; a photo through an LLM's vision path) in the multipart field `file`, read
// into an intent by the kernel: the orchestrate answer. 413 too large, 415 unsupported (or a photo
// without a vision model), 422 otherwise, naming the field. The kernel reads the multipart form
// and the query; this route moves bytes.
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
