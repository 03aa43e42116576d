// POST /api/upload_intent?budget=..&strategy=..&deadline_days=.. — a shopping list (text,
// Markdown, CSV, PDF; a photo through an LLM's vision path) in the multipart field `file`, read
// into an intent by the kernel: the orchestrate answer. 413 too large, 415 unsupported (or a photo
// without a vision model), 422 otherwise, naming the field. This route reads the body under the
// limit and the multipart form; the kernel does the rest.
import { http } from 'fluxos'

import { flux } from '@/lib/flux'
import { preflight, readLimited, respond } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  const body = await readLimited(request, http.MAX_UPLOAD_BODY)
  if (body === null) return respond(request, http.bodyTooLarge(http.MAX_UPLOAD_BODY))
  let file: FormDataEntryValue | null
  try {
    const form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData()
    file = form.get('file')
  } catch (e) {
    return respond(request, http.invalid('body', 'file', `malformed multipart body: ${(e as Error).message}`, 'MALFORMED_DOCUMENT'))
  }
  const q = new URL(request.url).searchParams
  const terms = { budget: q.get('budget'), strategy: q.get('strategy'), deadline_days: q.get('deadline_days'), amounts: q.get('amounts') }
  return respond(request, await http.uploadIntent(flux(), file instanceof Blob ? file : null, terms))
}

export const OPTIONS = preflight
