// The Kotlin side of bench/mobile.sh: the same calls as flux-mobile/examples/core_calls.rs,
// through the generated Kotlin bindings (JNA) on the JVM, timed the same way (warm-up, then the
// median of seven rounds). Prints nanoseconds per call.

import com.fluxcommerce.flux.*
import kotlinx.coroutines.runBlocking

private fun medianNs(n: Int, rounds: Int, f: () -> Unit): Long {
    repeat(n) { f() }
    val perCall = (0 until rounds).map {
        val started = System.nanoTime()
        repeat(n) { f() }
        (System.nanoTime() - started) / n
    }.sorted()
    return perCall[rounds / 2]
}

fun main() {
    val flux = Flux(FluxConfig.Defaults)
    val intent = Intent(prompt = "hackathon kit: snacks, badges, prizes", budget = "500", deadlineDays = 7u, strategy = Strategy.Balanced)
    val cart = flux.orchestrateBlocking(intent).cart
    val orchestrate = medianNs(2_000, 7) { flux.orchestrateBlocking(intent).cart.close() }
    val orchestrateAsync = medianNs(2_000, 7) { runBlocking { flux.orchestrate(intent) }.cart.close() }
    val authorize = medianNs(20_000, 7) { flux.authorize(cart) }
    val floor = medianNs(50_000, 7) { flux.chainId() }
    val text = medianNs(50_000, 7) { version() }
    println("kotlin orchestrate_ns=$orchestrate orchestrate_async_ns=$orchestrateAsync authorize_ns=$authorize chain_id_ns=$floor version_ns=$text")
}
