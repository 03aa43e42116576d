'use client'
import { useEffect, useId, useState } from 'react'

import type { IntentForm, Strategy } from './api'

const PRESETS: Array<{ id: 'cheapest' | 'fastest' | 'balanced' | 'custom'; label: string; hint: string }> = [
  { id: 'balanced', label: 'Balanced', hint: 'price 40 · delivery 30 · trust 30' },
  { id: 'cheapest', label: 'Cheapest', hint: 'price first' },
  { id: 'fastest', label: 'Fastest', hint: 'delivery first' },
  { id: 'custom', label: 'Custom', hint: 'your weights' },
]
const DEFAULT_WEIGHTS = { price: 40, delivery: 30, trust: 30 }

type Weights = { price: number; delivery: number; trust: number }

/** The kernel wants weights summing to 100: moving one shares the rest between the other two in
 *  their current proportion. */
function rebalance(w: Weights, key: keyof Weights, value: number): Weights {
  const others = (['price', 'delivery', 'trust'] as const).filter((k) => k !== key)
  const rest = 100 - value
  const [a, b] = others
  const sum = w[a] + w[b]
  const first = sum === 0 ? Math.round(rest / 2) : Math.round((rest * w[a]) / sum)
  return { ...w, [key]: value, [a]: first, [b]: rest - first } as Weights
}

type Props = { intent: IntentForm; onChange: (i: IntentForm) => void; onSubmit: () => void; onUpload: (f: File) => void; busy: string | null }

export default function IntentPanel({ intent, onChange, onSubmit, onUpload, busy }: Props) {
  const ids = useId()
  const kind = typeof intent.strategy === 'string' ? intent.strategy : 'custom'
  const weights = typeof intent.strategy === 'string' ? DEFAULT_WEIGHTS : intent.strategy.custom
  const set = (patch: Partial<IntentForm>) => onChange({ ...intent, ...patch })
  const setStrategy = (s: Strategy) => set({ strategy: s })
  // The deadline as typed ("" while it is being retyped; 0 is the same day).
  const [days, setDays] = useState(String(intent.deadline_days))
  useEffect(() => {
    setDays((typed) => (typed !== '' && Number(typed) === intent.deadline_days ? typed : String(intent.deadline_days)))
  }, [intent.deadline_days])

  return (
    <aside className="panel intent" aria-label="Intent">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit()
        }}
      >
        <h2>What do you need?</h2>
        <label htmlFor={`${ids}p`}>Request</label>
        <textarea id={`${ids}p`} name="prompt" rows={4} value={intent.prompt} onChange={(e) => set({ prompt: e.target.value })} required />
        <div className="row">
          <div>
            <label htmlFor={`${ids}b`}>Budget (USDC)</label>
            <input id={`${ids}b`} name="budget" inputMode="decimal" autoComplete="off" value={intent.budget} onChange={(e) => set({ budget: e.target.value })} required />
          </div>
          <div>
            <label htmlFor={`${ids}d`}>Deadline (days)</label>
            <input id={`${ids}d`} name="deadline_days" type="number" min={0} max={365} value={days} title="0 is the same day"
              onChange={(e) => {
                setDays(e.target.value)
                if (/^\d+$/.test(e.target.value)) set({ deadline_days: Number(e.target.value) })
              }} required />
          </div>
        </div>
        <fieldset className="strategy">
          <legend>Strategy <span className="muted">(re-ranks at once{kind === 'custom' ? '; weights sum to 100' : ''})</span></legend>
          <div className="segmented">
            {PRESETS.map((p) => (
              <label key={p.id} className={kind === p.id ? 'on' : ''} title={p.hint}>
                <input type="radio" name="strategy" value={p.id} checked={kind === p.id}
                  onChange={() => setStrategy(p.id === 'custom' ? { custom: weights } : p.id)} />
                {p.label}
              </label>
            ))}
          </div>
          {kind === 'custom' && (
            <div className="weights">
              {(['price', 'delivery', 'trust'] as const).map((w) => (
                <label key={w} className="weight">
                  <span>{w}</span>
                  <input type="range" min={0} max={100} step={5} value={weights[w]} aria-label={`${w} weight`}
                    onChange={(e) => setStrategy({ custom: rebalance(weights, w, Number(e.target.value)) })} />
                  <output>{weights[w]}</output>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <button type="submit" className="primary wide" disabled={busy !== null}>{busy === 'Planning…' ? 'Planning…' : 'Plan my cart'}</button>
      </form>
      <div className="upload">
        <label htmlFor={`${ids}f`}>…or start from a document</label>
        <input id={`${ids}f`} type="file" name="file" accept=".txt,.md,.csv,.pdf,image/*,text/plain,text/markdown,text/csv,application/pdf"
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) onUpload(f)
            e.target.value = ''
          }} />
        <p className="muted small">Text, Markdown, CSV, PDF or an image; uses the budget, deadline and strategy above.</p>
      </div>
    </aside>
  )
}
