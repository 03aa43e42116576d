'use client'
// The Flux dashboard: intent → ranked, explained cart → policy decision → settlement → proof.
// Every number shown comes from the kernel through this server's routes; nothing is computed
// here but layout.
import { useCallback, useEffect, useRef, useState } from 'react'

import { api, type CartLine, type Decision, type Failure, type IntentForm, type Proposal, type ReceiptBundle, type Settlement, type VerifyReport } from './api'
import CartPanel from './CartPanel'
import DecisionPanel from './DecisionPanel'
import IntentPanel from './IntentPanel'
import SettlementPanel from './SettlementPanel'
import TrailPanel, { type Trail } from './TrailPanel'

const FIRST: IntentForm = { prompt: 'Hackathon kit for 100 people: snacks, drinks, badges, lanyards, prizes', budget: '800', deadline_days: 5, strategy: 'balanced' }

type Paid = { settlement: Settlement; receipt: ReceiptBundle }

/** Where this tab keeps the last payment, so a reload still shows what was paid (and its receipt). */
const PAID_KEY = 'flux.lastPayment'

/** The payment this tab kept, if it is one: hashes and amounts, nothing secret. */
function keptPayment(): Paid | null {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(PAID_KEY) ?? 'null') as Paid | null
    return typeof kept?.settlement?.cart_id === 'string' && Array.isArray(kept.settlement.transaction_hashes) && typeof kept.receipt === 'object'
      ? kept
      : null
  } catch {
    return null
  }
}

/** Which offer leads each need, to tell what a re-rank changed. */
function leaders(p: Proposal | null): Record<string, string> {
  return Object.fromEntries((p?.alternatives ?? []).map((a) => [a.need.category, a.options[0]?.name ?? '']))
}

export default function Dashboard() {
  const [intent, setIntent] = useState<IntentForm>(FIRST)
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [lines, setLines] = useState<readonly CartLine[]>([])
  const [total, setTotal] = useState('0')
  const [decision, setDecision] = useState<Decision | null>(null)
  const [refusal, setRefusal] = useState<Failure | null>(null)
  const [paid, setPaid] = useState<Paid | null>(null)
  const [report, setReport] = useState<VerifyReport | Failure | null>(null)
  const [trail, setTrail] = useState<Trail | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<Failure | null>(null)
  const [changes, setChanges] = useState<string[]>([])
  const planned = useRef<IntentForm | null>(null)

  const refreshTrail = useCallback(async () => {
    const r = await api.audit()
    if (r.ok) setTrail(r.data)
  }, [])

  const decide = useCallback(async (next: readonly CartLine[]) => {
    setRefusal(null)
    const r = await api.authorize(next)
    setDecision(r.ok ? r.data : null)
    if (!r.ok) setProblem(r.error)
  }, [])

  const clearCart = useCallback(() => {
    planned.current = null
    setProposal(null)
    setLines([])
    setTotal('0')
    setDecision(null)
    setRefusal(null)
    setChanges([])
  }, [])

  const plan = useCallback(async (form: IntentForm, why: 'submit' | 'rerank') => {
    setBusy(why === 'submit' ? 'Planning…' : 'Re-ranking…')
    setProblem(null)
    const r = await api.orchestrate(form)
    if (r.ok) {
      const before = leaders(planned.current ? proposal : null)
      const after = leaders(r.data)
      setChanges(why === 'rerank' ? Object.keys(after).filter((k) => before[k] && before[k] !== after[k]).map((k) => `${k}: now ${after[k]} (was ${before[k]})`) : [])
      planned.current = form
      setProposal(r.data)
      setLines(r.data.options)
      setTotal(r.data.total)
      await decide(r.data.options)
    } else {
      // The cart shown no longer answers the request: it is not left there to be paid.
      clearCart()
      setProblem(r.error)
    }
    setBusy(null)
    void refreshTrail()
  }, [clearCart, decide, proposal, refreshTrail])

  // A new strategy re-ranks at once (weights after a short pause) — the request as the form says
  // it now: a request, budget or deadline edited since the last plan is planned anew.
  const strategyKey = JSON.stringify(intent.strategy)
  useEffect(() => {
    const last = planned.current
    if (!last || JSON.stringify(last.strategy) === strategyKey) return
    const same = last.prompt === intent.prompt && last.budget === intent.budget && last.deadline_days === intent.deadline_days
    const t = setTimeout(() => void plan({ ...intent }, same ? 'rerank' : 'submit'), typeof intent.strategy === 'string' ? 0 : 350)
    return () => clearTimeout(t)
  }, [strategyKey]) // eslint-disable-line react-hooks/exhaustive-deps

  const edit = useCallback(async (op: Record<string, unknown>) => {
    if (!proposal) return
    setBusy('Updating cart…')
    const r = await api.edit({ ...op, lines, intent: proposal.intent })
    if (r.ok) {
      setLines(r.data.lines)
      setTotal(r.data.total)
      setChanges([])
      await decide(r.data.lines)
    } else {
      setProblem(r.error)
    }
    setBusy(null)
    void refreshTrail()
  }, [decide, lines, proposal, refreshTrail])

  const execute = useCallback(async () => {
    setBusy('Settling…')
    setProblem(null)
    const r = await api.execute(lines, proposal?.intent_hash)
    if (r.ok) {
      setPaid(r.data)
      try {
        window.sessionStorage.setItem(PAID_KEY, JSON.stringify(r.data))
      } catch {
        // A browser that keeps nothing still shows the payment until the page is left.
      }
      setRefusal(null)
      setReport(null)
    } else if (r.error.status === 403) {
      setRefusal(r.error)
    } else {
      setProblem(r.error)
    }
    setBusy(null)
    void refreshTrail()
  }, [lines, proposal, refreshTrail])

  const verify = useCallback(async () => {
    if (!paid) return
    setBusy('Verifying…')
    const r = await api.verify(paid.receipt)
    setReport(r.ok ? r.data : r.error)
    setBusy(null)
    void refreshTrail()
  }, [paid, refreshTrail])

  const upload = useCallback(async (file: File) => {
    setBusy('Reading document…')
    setProblem(null)
    // The contract's upload takes a strategy by name; custom weights re-rank the list's cart after.
    const r = await api.upload(file, { ...intent, strategy: typeof intent.strategy === 'string' ? intent.strategy : 'balanced' })
    if (r.ok) {
      // What the kernel read from the document becomes the request shown (and re-ranked).
      const read = { ...intent, prompt: r.data.intent.prompt }
      planned.current = read
      setIntent(read)
      setChanges([])
      setProposal(r.data)
      setLines(r.data.options)
      setTotal(r.data.total)
      await decide(r.data.options)
      // Custom weights re-rank the list's cart (nothing to compare: the list was just read).
      if (typeof intent.strategy !== 'string') await plan(read, 'submit')
    } else {
      clearCart()
      setProblem(r.error)
    }
    setBusy(null)
    void refreshTrail()
  }, [clearCart, decide, intent, plan, refreshTrail])

  useEffect(() => void refreshTrail(), [refreshTrail])
  // A reload still shows the last payment: a user who paid and reloaded saw nothing paid.
  useEffect(() => setPaid((now) => now ?? keptPayment()), [])

  // The last payment stays shown, with its receipt, whatever is planned after it; the cart on
  // screen is "settled" only when it is the one paid.
  const paidNow = paid !== null && decision?.decision === 'allow' && decision.cart_id === paid.settlement.cart_id

  return (
    <div className="app">
      <header className="top">
        <div className="brand"><span className="logo" aria-hidden>◆</span> Flux <span className="muted">intent → cart → policy → settlement</span></div>
        <div className="mode" title="Sandbox: real signed EIP-1559 transactions with a public, never-funded key; never broadcast">Sandbox settlement</div>
      </header>
      <div className="layout">
        <IntentPanel intent={intent} onChange={setIntent} onSubmit={() => void plan(intent, 'submit')} onUpload={(f) => void upload(f)} busy={busy} />
        <main id="main" className="results" aria-busy={busy !== null}>
          <div className="status" role="status" aria-live="polite">{busy ?? (problem ? '' : proposal ? 'Ready' : '')}</div>
          {problem && (
            <div className="alert" role="alert" data-testid="problem">
              <strong>{problem.code ?? `HTTP ${problem.status}`}</strong> {problem.message}
            </div>
          )}
          <CartPanel proposal={proposal} lines={lines} total={total} changes={changes} busy={busy !== null} onEdit={(op) => void edit(op)} />
          <DecisionPanel decision={decision} refusal={refusal} lines={lines} paid={paidNow} busy={busy !== null} onExecute={() => void execute()} />
          <SettlementPanel paid={paid} current={paidNow} cartShown={lines.length > 0} report={report} busy={busy !== null} onVerify={() => void verify()} />
          <TrailPanel trail={trail} telemetry={proposal?.telemetry ?? null} />
        </main>
      </div>
    </div>
  )
}
