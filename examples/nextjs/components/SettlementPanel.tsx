'use client'
// The settlement: per-leg status, amount, recipient and transaction hash (with an explorer link
// when the transaction is on a chain), and the receipt bundle with "verify".
import type { Failure, ReceiptBundle, Settlement, VerifyReport } from './api'
import { short, usdc } from './api'

type Props = {
  paid: { settlement: Settlement; receipt: ReceiptBundle } | null
  /** Whether the cart on screen is the one paid (else the payment is an earlier cart's). */
  current: boolean
  /** Whether a cart is on screen. */
  cartShown: boolean
  report: VerifyReport | Failure | null
  busy: boolean
  onVerify: () => void
}

export default function SettlementPanel({ paid, current, cartShown, report, busy, onVerify }: Props) {
  if (!paid) {
    return (
      <section className="panel placeholder" aria-label="Settlement">
        <h2>Settlement</h2>
        <p className="muted">After approval, each merchant is paid in USDC by its own signed transaction; you get the hashes and a receipt bundle anyone can verify.</p>
      </section>
    )
  }
  const s = paid.settlement
  const ok = report && 'ok' in report ? report : null
  const failed = report && !('ok' in report) ? report : null
  return (
    <section className="panel" aria-label="Settlement" data-testid="settlement">
      <div className="panel-head">
        <h2>Settlement</h2>
        <span className={`badge ${s.status === 'success' ? 'ok' : 'bad'}`}>{s.status}{s.replayed ? ' · replayed' : ''}</span>
      </div>
      {!current && (
        <p className="note warn" data-testid="paid-earlier">
          Paid earlier, for cart <code>{s.cart_id}</code>{cartShown ? ': the cart above is another one and is not paid yet.' : '.'}
        </p>
      )}
      <p className="note">
        {s.mode === 'sandbox' ? 'Sandbox: real signed EIP-1559 transfers, never broadcast — they cannot move money.' : s.broadcast ? `Broadcast on chain ${s.chain_id}.` : `Mode ${s.mode}.`}
      </p>
      <div className="table-wrap">
        <table className="legs">
          <thead><tr><th>Merchant</th><th>Status</th><th className="r">Amount</th><th>Recipient</th><th>Transaction</th></tr></thead>
          <tbody>
            {s.legs.map((l) => (
              <tr key={l.merchant_id} data-testid="leg">
                <td>{l.merchant_name}</td>
                <td><span className="pill">{l.status}</span></td>
                <td className="r num">{usdc(l.amount)}</td>
                <td><code title={l.payout}>{short(l.payout)}</code></td>
                <td>
                  {l.tx_hash && (l.explorer_url
                    ? <a href={l.explorer_url} target="_blank" rel="noreferrer" data-testid="tx-hash"><code>{short(l.tx_hash, 10)}</code> ↗</a>
                    : <><code data-testid="tx-hash" title={l.tx_hash}>{short(l.tx_hash, 10)}</code> <span className="muted small">{s.broadcast ? '' : 'not broadcast'}</span></>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={() => busy || onVerify()} aria-disabled={busy} data-testid="verify">Verify receipt</button>
        {ok && <span className={`badge ${ok.ok ? 'ok' : 'bad'}`} data-testid="verified">{ok.ok ? `Verified · ${ok.legs.length} leg${ok.legs.length === 1 ? '' : 's'}${ok.onchain ? ' on chain' : ' offline'}` : 'Verification failed'}</span>}
        {failed && <span className="badge bad">{failed.code}: {failed.message}</span>}
      </div>
      <details className="bundle">
        <summary>Receipt bundle (JSON)</summary>
        <pre>{JSON.stringify(paid.receipt, null, 2)}</pre>
      </details>
    </section>
  )
}
