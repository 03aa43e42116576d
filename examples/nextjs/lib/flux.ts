// The one Flux kernel of this server process, configured like the Python example: FLUX_CONFIG
// (the core's FluxConfig) and the FLUX_* overrides. Server-only: the browser never sees a key —
// a configuration names the variable an EVM key is read from, never the key.
import 'server-only'
import { Flux } from 'fluxos'

const g = globalThis as typeof globalThis & { __flux?: Flux }

/** The process's kernel, built on first use (kept across hot reloads in development). */
export function flux(): Flux {
  g.__flux ??= Flux.fromEnv()
  return g.__flux
}
