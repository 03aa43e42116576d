'use client'
// The audit trail (Plan → Act → Verify, hash-chained and verified by the server on every read)
// and the proposal's telemetry.
import type { AuditEvent, Proposal } from './api'
import { short } from './api'

export type Trail = { verified: number; head: string; forgotten: number; events: AuditEvent[] }

const PHASES = ['plan', 'act', 'verify'] as const

export default function TrailPanel({ trail, telemetry }: { trail: Trail | null; telemetry: Proposal['telemetry'] | null }) {
  return (
    <section className="panel" aria-label="Audit trail and telemetry" data-testid="trail">
      <div className="panel-head">
        <h2>Plan → Act → Verify</h2>
        {trail && <span className="badge ok" title={`head ${trail.head}`}>chain verified · {trail.verified} events</span>}
      </div>
      {telemetry && (
        <dl className="telemetry" data-testid="telemetry">
          <div><dt>Parser</dt><dd>{telemetry.parser}</dd></div>
          <div><dt>Model</dt><dd>{telemetry.model}</dd></div>
          <div><dt>Latency</dt><dd className="num">{telemetry.latency_ms} ms</dd></div>
          <div><dt>Tokens</dt><dd className="num">{telemetry.tokens_used}</dd></div>
          <div><dt>Offers</dt><dd className="num">{telemetry.offers_considered}</dd></div>
          <div><dt>Kernel</dt><dd className="num">{telemetry.orchestrate_us} µs</dd></div>
        </dl>
      )}
      <div className="phases">
        {PHASES.map((phase) => {
          const events = (trail?.events ?? []).filter((e) => e.phase === phase).slice(-6)
          return (
            <div className={`phase phase-${phase}`} key={phase}>
              <h3>{phase}</h3>
              {events.length === 0 ? <p className="muted small">—</p> : (
                <ol>
                  {events.map((e) => (
                    <li key={e.seq}><span className="ev">{e.kind}</span> <code className="muted small" title={e.hash}>#{e.seq} {short(e.hash, 6)}</code></li>
                  ))}
                </ol>
              )}
            </div>
          )
        })}
      </div>
    </section>
  )
}
