// The dashboard's calls to this server's routes. Amounts stay exact strings (`?amounts=string`);
// the browser never holds a key: every kernel call happens in the route handlers.
import type { Cart, CartLine, Decision, Proposal, ReceiptBundle, Settlement, VerifyReport, Violation, AuditEvent } from 'fluxos'

export type { Cart, CartLine, Decision, Proposal, ReceiptBundle, Settlement, VerifyReport, Violation, AuditEvent }

export type Failure = { status: number; message: string; code?: string; violations?: Violation[] }
export type Result<T> = { ok: true; data: T } | { ok: false; error: Failure }

async function call<T>(path: string, init: RequestInit): Promise<Result<T>> {
  let res: Response
  try {
    res = await fetch(`${path}${path.includes('?') ? '&' : '?'}amounts=string`, init)
  } catch (e) {
    return { ok: false, error: { status: 0, message: `network error: ${(e as Error).message}` } }
  }
  const body = await res.json().catch(() => null)
  if (res.ok) return { ok: true, data: body as T }
  const detail = body?.detail
  const message = Array.isArray(detail) ? detail.map((d: { msg?: string }) => d.msg).join('; ') : String(detail ?? res.statusText)
  const code = body?.code ?? (Array.isArray(detail) ? detail[0]?.type : undefined)
  return { ok: false, error: { status: res.status, message, code, violations: body?.violations } }
}

const post = <T,>(path: string, body: unknown) =>
  call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

export type Strategy = 'cheapest' | 'fastest' | 'balanced' | { custom: { price: number; delivery: number; trust: number } }
export type IntentForm = { prompt: string; budget: string; deadline_days: number; strategy: Strategy }

export const api = {
  orchestrate: (i: IntentForm) => post<Proposal>('/api/orchestrate', i),
  authorize: (lines: readonly CartLine[]) => post<Decision>('/api/flux/authorize', lines),
  execute: (lines: readonly CartLine[], intent_hash?: string) =>
    post<{ settlement: Settlement; receipt: ReceiptBundle }>('/api/flux/execute', { lines, intent_hash }),
  verify: (bundle: ReceiptBundle) => post<VerifyReport>('/api/flux/verify', bundle),
  edit: (edit: Record<string, unknown>) => post<Cart>('/api/flux/cart', edit),
  audit: () => call<{ verified: number; head: string; forgotten: number; events: AuditEvent[] }>('/api/flux/audit', { method: 'GET' }),
  upload: (file: File, i: IntentForm) => {
    const form = new FormData()
    form.set('file', file)
    const strategy = typeof i.strategy === 'string' ? i.strategy : 'balanced'
    const query = new URLSearchParams({ budget: i.budget, deadline_days: String(i.deadline_days), strategy })
    return call<Proposal>(`/api/upload_intent?${query}`, { method: 'POST', body: form })
  },
}

/** An exact decimal amount for people: grouped digits, at least 2 decimals, never a float. */
export function usdc(amount: string | undefined): string {
  if (amount === undefined) return '—'
  const [int, frac = ''] = amount.split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${grouped}.${frac.padEnd(2, '0')}`
}

/** `0x1234…abcd`. */
export function short(hex: string, keep = 6): string {
  return hex.length > keep * 2 + 3 ? `${hex.slice(0, keep)}…${hex.slice(-4)}` : hex
}
