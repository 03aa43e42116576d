'use client'
// The ranked cart: each line with its score breakdown (a bar per part the kernel scored), why it
// is #1 and what would change that, the alternatives of its need, and edits.
import type { CartLine, Proposal } from './api'
import { usdc } from './api'

type Ranking = Proposal['alternatives'][number]
type Option = Ranking['options'][number]

const ORDER = ['relevance', 'price', 'delivery', 'trust']
const order = (part: string) => (ORDER.includes(part) ? ORDER.indexOf(part) : ORDER.length)

/** Bars for every part of a score (0..1000 each), whatever parts the kernel sends. */
export function ScoreBars({ score }: { score: Option['score'] }) {
  const parts = (Object.entries(score).filter(([k, v]) => k !== 'total' && typeof v === 'number') as Array<[string, number]>)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
  return (
    <div className="bars" aria-label={`score ${score.total} of 1000`}>
      {parts.map(([k, v]) => (
        <div className="bar" key={k}>
          <span className="bar-name">{k}</span>
          <span className="bar-track" role="meter" aria-valuemin={0} aria-valuemax={1000} aria-valuenow={v} aria-label={`${k} ${v} of 1000`}>
            <span className={`bar-fill part-${k}`} style={{ width: `${v / 10}%` }} />
          </span>
          <span className="bar-value">{v}</span>
        </div>
      ))}
    </div>
  )
}

type Props = { proposal: Proposal | null; lines: readonly CartLine[]; total: string; changes: string[]; busy: boolean; onEdit: (op: Record<string, unknown>) => void }

export default function CartPanel({ proposal, lines, total, changes, busy, onEdit }: Props) {
  if (!proposal) {
    return (
      <section className="panel placeholder" aria-label="Cart">
        <h2>Your cart</h2>
        <p className="muted">Describe what you need and press <strong>Plan my cart</strong>. Flux reads the request into needs, ranks every offer on price, delivery and trust, and picks the best cart under your budget — with its reasons.</p>
        <div className="skeleton" />
        <div className="skeleton" />
      </section>
    )
  }
  // The ranking a line belongs to: the one listing its offer (among its options, or the lines of
  // its split), else the need it serves (`need`, as the user said it), else its category.
  const lists = (a: Ranking, id: string) => a.options.some((o) => o.offer_id === id) || (a.split ?? []).some((o) => o.offer_id === id)
  const rankingOf = (line: CartLine) =>
    proposal.alternatives.find((a) => lists(a, line.id))
    ?? proposal.alternatives.find((a) => typeof line.need === 'string' && a.need.item === line.need)
    ?? proposal.alternatives.find((a) => a.need.category === line.category)
  return (
    <section className="panel" aria-label="Cart" data-testid="cart">
      <div className="panel-head">
        <h2>Your cart <span className="muted">· {lines.length} line{lines.length === 1 ? '' : 's'} · {proposal.strategy && typeof proposal.strategy === 'string' ? proposal.strategy : 'custom'}</span></h2>
        <div className="totals">
          <span><span className="muted">Total</span> <strong className="num" data-testid="total">{usdc(total)}</strong> USDC</span>
          <span><span className="muted">Budget</span> <span className="num">{usdc(proposal.budget)}</span></span>
        </div>
      </div>
      {changes.length > 0 && (
        <p className="note" data-testid="rerank-note">Re-ranked: {changes.join('; ')}</p>
      )}
      {(proposal.dropped ?? []).length > 0 && (
        <p className="note warn" data-testid="not-planned">Not planned: {(proposal.dropped ?? []).map((d) => `${d.item} (${d.reason.replaceAll('_', ' ')})`).join(', ')}</p>
      )}
      {proposal.unmet.length > 0 && (
        <p className="note warn">Not covered: {proposal.unmet.map((u) => `${u.quantity} ${u.item} (${u.reason.replaceAll('_', ' ')})`).join(', ')}</p>
      )}
      <ol className="lines" data-testid="lines">
        {lines.map((line, index) => {
          const ranking = rankingOf(line)
          const option = ranking?.options.find((o) => o.offer_id === line.id)
          const split = ranking?.split ?? []
          const part = split.find((o) => o.offer_id === line.id)
          return <Line key={line.id} line={line} index={index} ranking={ranking} option={option} part={part && { option: part, of: split.length }} busy={busy} onEdit={onEdit} />
        })}
      </ol>
      <p className="muted small">Cart id <code>{proposal.cart_id}</code> · prices are exact USDC from the kernel; discounts are negotiated deterministically.</p>
    </section>
  )
}

/** What a line is for, in the user's words when the kernel kept them. */
function needName(ranking: Ranking | undefined, line: CartLine): string {
  const item = ranking?.need.item ?? line.need
  return typeof item === 'string' && item ? item : line.category.replaceAll('_', ' ')
}

/** A line of a split: its option among the split's lines, and how many lines the split has. */
type Part = { option: Option; of: number }

function Line({ line, index, ranking, option, part, busy, onEdit }: { line: CartLine; index: number; ranking?: Ranking; option?: Option; part?: Part; busy: boolean; onEdit: (op: Record<string, unknown>) => void }) {
  const pack = Math.max(1, Math.round(line.units / Math.max(1, line.quantity)))
  const alternatives = ranking?.options.filter((o) => o.offer_id !== line.id) ?? []
  // A line whose units were changed is no longer the ranked option: its rank, bars and "why #1"
  // described the old quantity, and a replacement keeps the units chosen.
  const edited = option !== undefined && option.units !== line.units
  const ranked = edited ? undefined : option
  const scored = ranked ?? part?.option
  const act = (op: Record<string, unknown>) => busy || onEdit(op)
  return (
    <li className="line" data-testid="line">
      <div className="line-main">
        {part
          ? <span className="rank split" data-testid="split" title={`line ${part.option.rank} of ${part.of}: no single offer has the stock for this need`}>{part.option.rank}/{part.of}</span>
          : <span className="rank" title={edited ? 'units changed: re-quoted by the kernel' : 'rank within its need'}>{ranked ? `#${ranked.rank}` : '–'}</span>}
        <div className="line-what">
          <div className="line-name">{line.name}</div>
          <div className="muted small">
            {line.vendor_name} · trust {line.trust_score} · {line.delivery_days === 0 ? 'same-day' : `${line.delivery_days} d`} delivery · for {needName(ranking, line)}
          </div>
        </div>
        <div className="line-money">
          <div className="num strong">{usdc(line.line_total)}</div>
          <div className="muted small num">{line.quantity} × {usdc(line.price)}{line.original_price && line.original_price !== line.price ? <> <s>{usdc(line.original_price)}</s></> : null}</div>
        </div>
      </div>
      {scored && <ScoreBars score={scored.score} />}
      <p className="reason">{ranked?.reason ?? line.reason}</p>
      {ranking?.why_first && ranked?.rank === 1 && (
        <details className="why">
          <summary>Why #1 — and what would change it</summary>
          <p>{ranking.why_first}</p>
        </details>
      )}
      <div className="line-actions">
        <div className="stepper" role="group" aria-label={`units of ${line.name}`}>
          <button type="button" aria-label="fewer units" disabled={line.units <= pack} aria-disabled={busy} onClick={() => act({ op: 'units', line_id: line.id, units: line.units - pack })}>−</button>
          <span className="num" data-testid="units">{line.units} unit{line.units === 1 ? '' : 's'}</span>
          <button type="button" aria-label="more units" aria-disabled={busy} onClick={() => act({ op: 'units', line_id: line.id, units: line.units + pack })}>+</button>
        </div>
        <button type="button" className="ghost" aria-disabled={busy} onClick={() => act({ op: 'remove', line_id: line.id })} aria-label={`remove ${line.name}`}>Remove</button>
      </div>
      {alternatives.length > 0 && (
        <details className="alts">
          <summary>{alternatives.length} alternative{alternatives.length === 1 ? '' : 's'} for {needName(ranking, line)}</summary>
          <ul>
            {alternatives.map((o) => (
              <li key={o.offer_id} className="alt" data-testid="alternative">
                <div className="alt-head">
                  <span className="rank">#{o.rank}</span>
                  <span className="alt-name">{o.name} <span className="muted small">· {o.vendor_name} · {o.delivery_days} d</span></span>
                  <span className="num">{usdc(o.line_total)}</span>
                  <button type="button" className="small-btn" aria-disabled={busy} onClick={() => act({ op: 'replace', line_id: line.id, offer_id: o.offer_id, units: edited ? line.units : o.units })}>Use this</button>
                </div>
                <ScoreBars score={o.score} />
              </li>
            ))}
          </ul>
        </details>
      )}
      <span className="visually-hidden">line {index + 1}</span>
    </li>
  )
}
