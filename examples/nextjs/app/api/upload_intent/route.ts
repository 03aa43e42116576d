// POST /api/upload_intent — a document (text, Markdown, CSV, PDF; images through an LLM's vision)
// read into an intent by the kernel, with budget, deadline and strategy as form fields.
//
// GAP: the kernel's document reader (`Flux::orchestrate_document`) is not in this build of
// flux-core yet. Until it lands this route validates the upload and answers 501 with the code
// DOCUMENT_INTENTS_UNAVAILABLE; wiring it is one call where marked below. No document is parsed
// here: reading documents belongs to the kernel.
import { error, plain, preflight } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return plain(request, { detail: [{ loc: ['body'], msg: 'expected multipart/form-data with a "file" field', type: 'invalid_body' }] }, 422)
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) {
    return plain(request, { detail: [{ loc: ['body', 'file'], msg: 'a non-empty "file" is required', type: 'missing' }] }, 422)
  }
  try {
    // When flux-core has document intents, this becomes:
    //   const proposal = await flux().orchestrateDocument(new Uint8Array(await file.arrayBuffer()),
    //     { fileName: file.name, mediaType: file.type, budget, deadline_days, strategy })
    //   return json(request, proposal)
    return plain(request, {
      detail: 'Document intents are not available in this build: the kernel cannot read documents yet.',
      code: 'DOCUMENT_INTENTS_UNAVAILABLE',
      file: { name: file.name, type: file.type, size: file.size },
    }, 501)
  } catch (e) {
    return error(request, e, 'file')
  }
}

export const OPTIONS = preflight
