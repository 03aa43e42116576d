'use client'
// The policy's decision before paying: approved legs (merchant, payout from the registry, amount),
// or every violation with its code and the line it concerns. A refusal from the server (403) is
// shown the same way: nothing was signed.
import type { CartLine, Decision, Failure, Violation } from './api'
import { short, usdc } from './api'

type Props = { decision: Decision | null; refusal: Failure | null; lines: readonly CartLine[]; paid: boolean; busy: boolean; onExecute: () => void }

function Violations({ violations, lines, title }: { violations: Violation[]; lines: readonly CartLine[]; title: string }) {
  return (
    <div className="violations" role="alert" data-testid="violations">
      <h3>{title}</h3>
      <ul>
        {violations.map((v, i) => (
          <li key={i} data-testid="violation">
            <code className="code">{v.code}</code>
            <span>{v.message}</span>
            {(v.line !== undefined || v.merchant) && (
              <span className="muted small">
                {v.line !== undefined ? `line ${v.line + 1}${lines[v.line] ? ` · ${lines[v.line].name}` : ''}` : `merchant ${v.merchant}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

export default function DecisionPanel({ decision, refusal, lines, paid, busy, onExecute }: Props) {
  if (!decision && !refusal) {
    return (
      <section className="panel placeholder" aria-label="Policy decision">
        <h2>Policy decision</h2>
        <p className="muted">Before anything is paid, a deterministic policy checks the cart: known merchants, caps, limits, chain and token.</p>
      </section>
    )
  }
  const allowed = decision?.decision === 'allow'
  return (
    <section className={`panel decision ${allowed && !refusal ? 'ok' : 'bad'}`} aria-label="Policy decision" data-testid="decision">
      <div className="panel-head">
        <h2>Policy decision</h2>
        <span className={`badge ${allowed && !refusal ? 'ok' : 'bad'}`} data-testid="decision-badge">{refusal ? 'Refused' : allowed ? 'Approved' : 'Denied'}</span>
      </div>
      {refusal && <Violations title={`Refused by the server (HTTP ${refusal.status}) — nothing was signed`} violations={refusal.violations ?? []} lines={lines} />}
      {decision?.decision === 'deny' && !refusal && <Violations title={`${decision.violations.length} rule${decision.violations.length === 1 ? '' : 's'} broken — this cart cannot be paid`} violations={decision.violations} lines={lines} />}
      {decision?.decision === 'allow' && (
        <>
          <table className="legs">
            <caption className="muted small">One transfer per merchant; recipients come from the policy&apos;s registry, never from the cart.</caption>
            <thead><tr><th>Merchant</th><th>Recipient</th><th className="r">Amount (USDC)</th></tr></thead>
            <tbody>
              {decision.legs.map((l) => (
                <tr key={l.merchant_id}><td>{l.merchant_name}</td><td><code title={l.payout}>{short(l.payout)}</code></td><td className="r num">{usdc(l.amount)}</td></tr>
              ))}
            </tbody>
            <tfoot><tr><td colSpan={2}>Total</td><td className="r num strong">{usdc(decision.total)}</td></tr></tfoot>
          </table>
          <p className="muted small">Policy <code>{short(decision.policy_hash, 8)}</code> · chain {decision.target.chain_id}</p>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => busy || onExecute()} aria-disabled={busy} disabled={lines.length === 0 || paid} data-testid="execute">
          {paid ? 'Settled' : allowed ? 'Execute payment' : 'Try to execute anyway'}
        </button>
        <span className="muted small">Sandbox: signed with a public, never-funded key and never broadcast.</span>
      </div>
    </section>
  )
}
