// GET /api/flux/audit — the kernel's Plan → Act → Verify trail (hash-chained), verified on read.
import { verifyAuditJsonl } from 'fluxos'

import { flux } from '@/lib/flux'
import { json, preflight, untrustedHost } from '@/lib/http'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export function GET(request: Request) {
  const untrusted = untrustedHost(request)
  if (untrusted) return untrusted
  const f = flux()
  const jsonl = f.auditJsonl()
  const verified = verifyAuditJsonl(jsonl, { after: f.auditBase(), head: f.auditHead() })
  const events = f.auditEvents().slice(-60)
  return json(request, { verified, head: f.auditHead(), forgotten: f.auditForgotten(), events })
}

export const OPTIONS = preflight
