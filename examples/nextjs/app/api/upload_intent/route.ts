// POST /api/upload_intent — a shopping list (text, Markdown, CSV, PDF; a photo through an LLM's
// vision path) read into an intent by the kernel, then the orchestrate answer. The file is the
// multipart field `file`; budget, strategy and deadline_days are query parameters, as in the
// Python example. 413 too large, 415 unsupported (or a photo without a vision model), 422 otherwise.
import { flux } from '@/lib/flux'
import { badBody, error, json, plain, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

// The kernel's 5 MB document limit plus room for the multipart framing.
const MAX_DOCUMENT = 5 * 1024 * 1024
const MAX_UPLOAD = MAX_DOCUMENT + 64 * 1024
const STRATEGIES = new Set(['cheapest', 'fastest', 'balanced'])

function tooLarge(request: Request, size: string): Response {
  return plain(request, { detail: `document of ${size} bytes is over the limit of ${MAX_DOCUMENT} bytes`, code: 'DOCUMENT_TOO_LARGE' }, 413)
}

/** The body, read up to the limit whatever Content-Length said; null when over it. */
async function readLimited(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body?.getReader()
  for (;;) {
    const next = await reader?.read()
    if (!next || next.done) break
    size += next.value.byteLength
    if (size > MAX_UPLOAD) {
      await reader?.cancel()
      return null
    }
    chunks.push(next.value)
  }
  const body = new Uint8Array(new ArrayBuffer(size))
  let at = 0
  for (const c of chunks) {
    body.set(c, at)
    at += c.byteLength
  }
  return body
}

export async function POST(request: Request) {
  const query = new URL(request.url).searchParams
  const budget = query.get('budget')
  if (budget === null) return badBody(request, 'budget', 'the query parameter budget is required', 'missing', 'query')
  // A strategy name, or custom weights as JSON (`{"custom": {"price": .., "delivery": .., "trust": ..}}`).
  const named = query.get('strategy') ?? 'balanced'
  let strategy: unknown = named
  if (named.startsWith('{')) {
    try {
      strategy = JSON.parse(named)
    } catch {
      return badBody(request, 'strategy', 'strategy weights are not JSON', 'INVALID_STRATEGY', 'query')
    }
  } else if (!STRATEGIES.has(named)) {
    return badBody(request, 'strategy', 'strategy is cheapest, fastest, balanced or custom weights', 'INVALID_STRATEGY', 'query')
  }
  const days = query.get('deadline_days')
  const deadline = days === null ? undefined : Number(days)
  if (deadline !== undefined && !(/^\d+$/.test(days ?? '') && deadline <= 365)) {
    return badBody(request, 'deadline_days', 'deadline_days is a whole number of days from 0 to 365', 'INVALID_INTENT', 'query')
  }
  const declared = request.headers.get('content-length') ?? ''
  if (/^\d+$/.test(declared) && Number(declared) > MAX_UPLOAD) return tooLarge(request, declared)
  const body = await readLimited(request)
  if (body === null) return tooLarge(request, `more than ${MAX_UPLOAD}`)

  let file: FormDataEntryValue | null
  try {
    const form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData()
    file = form.get('file')
  } catch (e) {
    return badBody(request, 'file', `malformed multipart body: ${(e as Error).message}`, 'MALFORMED_DOCUMENT')
  }
  if (!(file instanceof Blob)) return badBody(request, 'file', 'a multipart field `file` is required', 'missing')
  try {
    const proposal = await flux().orchestrateDocument(file, { budget, deadline_days: deadline, strategy: strategy as never })
    return json(request, proposal)
  } catch (e) {
    return error(request, e, 'file', (field) => (field === 'file' ? 'body' : 'query'))
  }
}

export const OPTIONS = preflight
