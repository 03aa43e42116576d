// The Kotlin binding on the JVM, through uniffi's generated code, JNA and the real library:
// the scenario (orchestrate → authorize → execute in the sandbox → verify), typed errors with
// their codes and violations, the shared determinism vectors byte for byte, async calls from
// several coroutines at once, cart edits and ranked alternatives, approvals, the audit trail, and
// the keystore password callback.
//
// Run by scripts/test-mobile.sh:
//   java -Djna.library.path=<dir of libflux_mobile.so> -cp ... FluxMobileTestKt <testdata dir>
// Prints one line per failure and a closing "N passed, N failed" line; exits 1 on any failure.

import com.fluxcommerce.flux.*
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import java.math.BigDecimal
import java.security.KeyFactory
import java.security.Signature
import java.security.spec.EdECPrivateKeySpec
import java.security.spec.NamedParameterSpec
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

private var passed = 0
private var failed = 0

private fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
        e.printStackTrace(System.out)
    }
}

private fun check(cond: Boolean, what: () -> String) {
    if (!cond) throw AssertionError(what())
}

private fun <T> eq(got: T, want: T, what: String) = check(got == want) { "$what: got <$got>, want <$want>" }

/** Equal as numbers (scale aside): amounts are exact decimal text. */
private fun same(got: BigDecimal, want: String, what: String) = check(got.compareTo(BigDecimal(want)) == 0) { "$what: got $got, want $want" }

private inline fun <reified E : Throwable> throws(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

private val HEX_HASH = Regex("^0x[0-9a-f]{64}$")
private val DECIMAL = Regex("^[0-9]+(\\.[0-9]{1,6})?$")
/** The test approver of testdata/mcp/policy.toml: the ed25519 seed [7; 32], a public test key. */
private const val APPROVER = "ed25519:ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"
private val KIT = Intent(prompt = "hackathon kit: snacks, badges, prizes", budget = "500", deadlineDays = 7u, strategy = Strategy.Balanced)

fun main(args: Array<String>) {
    val testdata = File(args.getOrElse(0) { "testdata" })
    val flux = Flux(FluxConfig.Defaults)

    test("scenario: orchestrate → authorize → execute (sandbox) → verify") {
        val proposal = runBlocking { flux.orchestrate(KIT) }
        val lines = proposal.cart.lines()
        check(lines.isNotEmpty()) { "no lines" }
        eq(proposal.cartId, proposal.cart.id(), "cart id")
        check(DECIMAL.matches(proposal.total)) { "total ${proposal.total} is not exact decimal text" }
        val sum = lines.map { BigDecimal(it.lineTotal) }.reduce(BigDecimal::add)
        same(sum, proposal.total, "lines add up to the total")
        eq(proposal.intent, KIT, "the intent round-trips")

        val decision = flux.authorize(proposal.cart)
        check(decision.allowed) { "denied: ${decision.violations}" }
        same(BigDecimal(decision.total), proposal.total, "approved total")
        check(decision.legs.isNotEmpty() && decision.legs.all { it.payout.startsWith("0x") }) { "legs ${decision.legs}" }

        val settlement = runBlocking { flux.execute(proposal.cart) }
        eq(settlement.status, "success", "status")
        eq(settlement.mode, "sandbox", "mode")
        eq(settlement.broadcast, false, "a sandbox never broadcasts")
        eq(settlement.sender, sandboxAddress(), "sandbox sender")
        eq(settlement.transactionHashes.size, decision.legs.size, "one transaction per leg")
        check(settlement.transactionHashes.all { HEX_HASH.matches(it) }) { "hashes ${settlement.transactionHashes}" }

        val report = runBlocking { flux.verify(settlement.receiptBundle) }
        check(report.ok && !report.onchain) { "report $report" }
        eq(report.cartId, proposal.cartId, "verified cart")
        eq(report.legs.map { it.txHash }, settlement.transactionHashes, "verified legs")

        // The blocking twins agree, and the same idempotency key never pays twice.
        eq(flux.orchestrateBlocking(KIT).canonicalJson, proposal.canonicalJson, "blocking orchestrate")
        val again = flux.executeBlocking(proposal.cart)
        check(again.replayed) { "second execute was not a replay" }
        eq(again.transactionHashes, settlement.transactionHashes, "replayed hashes")
        eq(flux.verifyBlocking(again.receiptBundle).cartId, proposal.cartId, "blocking verify")
    }

    test("a policy denial throws PolicyViolation with its code and violations; nothing is signed") {
        val cart = Cart.fromJson("""[{"vendor_id": "shady-shop", "price": "10.00", "quantity": 2, "name": "mystery box"}]""")
        eq(cart.total(), "20", "exact total")
        val decision = flux.authorize(cart)
        check(!decision.allowed) { "allowed an unknown merchant" }
        check(decision.violations.any { it.code == "UNKNOWN_MERCHANT" && it.merchant == "shady-shop" }) { "${decision.violations}" }
        val err = throws<FluxException.PolicyViolation> { runBlocking { flux.execute(cart) } }
        eq(err.code, "POLICY_VIOLATION", "code")
        check(err.violations.any { it.code == "UNKNOWN_MERCHANT" && it.line == 0uL }) { "${err.violations}" }
        check(err.message!!.contains("UNKNOWN_MERCHANT")) { err.message!! }
        val blocking = throws<FluxException.PolicyViolation> { flux.executeBlocking(cart, idempotencyKey = "order-1") }
        eq(blocking.violations, err.violations, "blocking twin's violations")
        check(flux.auditJsonl().lines().any { "policy.denied" in it && cart.id() in it }) { "no policy.denied event" }
    }

    test("bad input is a typed error with a stable code") {
        eq(throws<FluxException.InvalidInput> { flux.orchestrateBlocking(KIT.copy(budget = "-5")) }.code, "INVALID_AMOUNT", "negative budget")
        eq(throws<FluxException.InvalidInput> { runBlocking { flux.orchestrate(KIT.copy(budget = "12.3456789")) } }.code, "INVALID_AMOUNT", "7 decimals")
        eq(throws<FluxException.InvalidInput> { flux.orchestrateBlocking(KIT.copy(prompt = "  ")) }.code, "INVALID_INTENT", "empty prompt")
        eq(throws<FluxException.InvalidInput> { Cart.fromJson("[{\"price\": \"1\"}]") }.code, "INVALID_CART", "no vendor")
        eq(throws<FluxException.InvalidInput> { Cart.fromJson("not json") }.code, "MALFORMED_JSON", "not json")
        eq(throws<FluxException.InvalidInput> { flux.verifyBlocking("{}") }.code.isNotEmpty(), true, "bad bundle")
        eq(throws<FluxException.InvalidInput> { flux.executeBlocking(flux.orchestrateBlocking(KIT).cart, idempotencyKey = "has space") }.code,
            "INVALID_IDEMPOTENCY_KEY", "idempotency key")
        val config = throws<FluxException.Config> { Flux(FluxConfig.Json("""{"settler": "teleport"}""")) }
        eq(config.code, "INVALID_CONFIG", "config code")
        check("settler" in config.reason) { config.reason }
        eq(throws<FluxException.Config> { Flux(FluxConfig.Path("/nonexistent/flux.toml")) }.code, "INVALID_CONFIG", "missing file")
    }

    test("amounts are exact decimal strings; a Double goes through the core's one rule") {
        eq(parseAmount("1.50"), "1.5", "canonical text")
        eq(amountFromDouble(0.1), "0.1", "0.1 stays 0.1")
        eq(amountFromDouble(19.99), "19.99", "19.99")
        eq(throws<FluxException.InvalidInput> { amountFromDouble(Double.NaN) }.code, "INVALID_AMOUNT", "NaN")
        eq(throws<FluxException.InvalidInput> { amountFromDouble(0.1 + 0.2) }.code, "INVALID_AMOUNT", "0.30000000000000004")
        eq(throws<FluxException.InvalidInput> { parseAmount("0.0000001") }.code, "INVALID_AMOUNT", "7 decimals")
    }

    test("every testdata/vectors case gives byte-identical canonical JSON") {
        val files = File(testdata, "vectors").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
        check(files.size >= 6) { "vectors missing in $testdata" }
        for (file in files) runVector(file)
        println("kotlin vectors: ${files.size} files byte-identical")
    }

    test("async calls from several coroutines at once agree with the blocking ones") {
        val budgets = listOf("120", "250.5", "300", "480", "99.99", "640", "800", "1000")
        val intents = budgets.map { KIT.copy(budget = it, strategy = if (it.length % 2 == 0) Strategy.Cheapest else Strategy.Fastest) }
        val inFlight = AtomicInteger()
        val peak = AtomicInteger()
        val results = runBlocking(Dispatchers.Default) {
            intents.map { intent ->
                async {
                    peak.accumulateAndGet(inFlight.incrementAndGet(), ::maxOf)
                    val proposal = flux.orchestrate(intent)
                    val settlement = if (flux.authorize(proposal.cart).allowed) flux.execute(proposal.cart, idempotencyKey = "k-${intent.budget}") else null
                    inFlight.decrementAndGet()
                    Triple(intent, proposal, settlement)
                }
            }.awaitAll()
        }
        check(peak.get() > 1) { "the coroutines never overlapped" }
        val fresh = Flux(FluxConfig.Defaults)
        for ((intent, proposal, settlement) in results) {
            eq(proposal.canonicalJson, fresh.orchestrateBlocking(intent).canonicalJson, "budget ${intent.budget}")
            if (settlement != null) {
                eq(settlement.idempotencyKey, "k-${intent.budget}", "key")
                eq(settlement.status, "success", "status of ${intent.budget}")
            }
        }
        check(results.count { it.third != null } >= 4) { "too few allowed carts to exercise execute" }
        eq(verifyAuditJsonl(flux.auditJsonl(), head = flux.auditHead()).toInt(), flux.auditJsonl().trim().lines().size, "audit chain")
    }

    test("cart edits return new carts; the original is unchanged") {
        val proposal = flux.orchestrateBlocking(KIT)
        val cart = proposal.cart
        val first = cart.lines().first()
        val smaller = cart.removeLine(first.id)
        eq(smaller.lines().size, cart.lines().size - 1, "one line fewer")
        same(BigDecimal(cart.total()) - BigDecimal(first.lineTotal), smaller.total(), "total without the line")
        val doubled = cart.setQuantity(first.id, first.quantity * 2u)
        same(BigDecimal(doubled.total()) - BigDecimal(cart.total()), first.lineTotal, "one more line total")
        val moreUnits = runBlocking { flux.setUnits(cart, first.id, first.units + 10u, proposal.intent) }
        check(moreUnits.lines().first().units >= first.units + 10u) { "units ${moreUnits.lines().first()}" }
        eq(flux.setUnitsBlocking(cart, first.id, first.units + 10u, proposal.intent).canonicalJson(), moreUnits.canonicalJson(), "blocking twin")
        eq(cart.canonicalJson(), proposal.cart.canonicalJson(), "original unchanged")
        eq(throws<FluxException.InvalidInput> { cart.removeLine("no-such-line") }.code, "NO_SUCH_LINE", "unknown line")
        eq(throws<FluxException.InvalidInput> { flux.replaceLineBlocking(cart, first.id, "no-such-offer", 1u, proposal.intent) }.code,
            "UNKNOWN_OFFER", "unknown offer")
    }

    test("a need carries its sizes, the days it is rented and how it is had") {
        val prompt = "Rent 50 chairs for a 3-day conference. T-shirts: size M x 10, size L x 5. Buy a projector"
        val proposal = flux.orchestrateBlocking(KIT.copy(prompt = prompt, budget = "2000"))
        eq(proposal.needs.map { listOf(it.item, it.quantity, it.attributes, it.days, it.tenure) }, listOf(
            listOf("chairs", 50u, emptyList<String>(), 3u, Tenure.RENT),
            listOf("t-shirts", 10u, listOf("size m"), null, null),
            listOf("t-shirts", 5u, listOf("size l"), null, null),
            listOf("projector", 1u, emptyList<String>(), null, Tenure.BUY),
        ), "needs")
        check(proposal.cart.lines().any { it.name.contains("(3 days)") }) { "no 3-day rental in ${proposal.cart.canonicalJson()}" }
    }

    test("a proposal carries its needs, dropped items, unmet needs and ranked alternatives, as its canonical JSON has them") {
        val intent = KIT.copy(prompt = "hackathon kit: 40 energy drinks, badges for 40 people, prizes, 3 wireless mice, no snacks", budget = "60")
        val proposal = flux.orchestrateBlocking(intent)
        val json = JsonParser.parseString(proposal.canonicalJson).asJsonObject
        val needs = json.getAsJsonArray("needs").map { it.asJsonObject }
        check(needs.isNotEmpty()) { "no needs read" }
        eq(proposal.needs, needs.map {
            val attributes = it.getAsJsonArray("attributes")?.map { a -> a.asString }.orEmpty()
            val tenure = it["tenure"]?.asString?.let { t -> Tenure.valueOf(t.uppercase()) }
            Need(it["category"].asString, it["item"].asString, it["quantity"].asInt.toUInt(), attributes, it["days"]?.asInt?.toUInt(), tenure)
        }, "needs")
        val dropped = json.getAsJsonArray("dropped")?.map { it.asJsonObject }.orEmpty()
        eq(proposal.dropped, dropped.map { Dropped(it["item"].asString, it["reason"].asString) }, "dropped")
        check(proposal.dropped.isNotEmpty()) { "nothing dropped from ${intent.prompt}: ${proposal.canonicalJson}" }
        val unmet = json.getAsJsonArray("unmet").map { it.asJsonObject }
        eq(proposal.unmet, unmet.map { Unmet(it["category"].asString, it["item"].asString, it["quantity"].asInt.toUInt(), it["reason"].asString) }, "unmet")
        check(proposal.unmet.isNotEmpty()) { "every need met under ${intent.budget}: ${proposal.canonicalJson}" }
        val alternatives = json.getAsJsonArray("alternatives").map { it.asJsonObject }
        eq(proposal.alternatives.size, alternatives.size, "one ranking per need")
        eq(proposal.alternatives.map { it.category to it.item }, proposal.needs.map { it.category to it.item }, "rankings in need order")
        for ((typed, raw) in proposal.alternatives.zip(alternatives)) {
            val options = raw.getAsJsonArray("options").map { it.asJsonObject }
            eq(typed.options.size, options.size, "options of ${typed.item}")
            for ((o, r) in typed.options.zip(options)) {
                eq(listOf(o.offerId, o.name, o.vendorId, o.vendorName, o.reason),
                    listOf("offer_id", "name", "vendor_id", "vendor_name", "reason").map { r[it].asString }, "option ${o.offerId}")
                eq(listOf(o.units, o.packs, o.deliveryDays, o.score),
                    listOf(r["units"].asInt, r["packs"].asInt, r["delivery_days"].asInt, r["score"].asJsonObject["total"].asInt).map { it.toUInt() },
                    "counts of ${o.offerId}")
                check(DECIMAL.matches(o.lineTotal)) { "line total ${o.lineTotal} is not exact decimal text" }
                same(BigDecimal(o.lineTotal), r["line_total"].asBigDecimal.toPlainString(), "line total of ${o.offerId}")
            }
            eq(typed.options.map { it.score }, typed.options.map { it.score }.sortedDescending(), "best first for ${typed.item}")
        }
    }

    test("replace a line with a ranked alternative of its need, by offer id") {
        val proposal = flux.orchestrateBlocking(KIT)
        val lineIds = proposal.cart.lines().map { it.id }.toSet()
        val (line, option) = proposal.cart.lines().firstNotNullOf { line ->
            proposal.alternatives.firstOrNull { alt -> alt.options.any { it.offerId == line.id } }
                ?.options?.firstOrNull { it.offerId !in lineIds }?.let { line to it }
        }
        val replaced = flux.replaceLineBlocking(proposal.cart, line.id, option.offerId, option.units, proposal.intent)
        val swapped = replaced.lines().single { it.id == option.offerId }
        eq(listOf(swapped.vendorId, swapped.name), listOf(option.vendorId, option.name), "the alternative's offer")
        eq(swapped.units, option.units, "units")
        same(BigDecimal(swapped.lineTotal), option.lineTotal, "the alternative's line total, as ranked")
        check(replaced.lines().none { it.id == line.id }) { "the replaced line is still there" }
    }

    test("approvals: needsApproval, approvers, approvalMessage signed by an independent ed25519 signer") {
        eq(approvalMessage("cart_1", "ab", 5uL, "a-1"), "Flux approval v1\napproval_id: a-1\ncart_id: cart_1\npolicy_hash: ab\nexpires_at: 5\n", "the message")
        eq(flux.approvers(), emptyList<String>(), "the demo policy names no approver")
        val policy = com.google.gson.Gson().toJson(File(testdata, "mcp/policy.toml").absolutePath)
        val gate = Flux(FluxConfig.Json("""{"policy": $policy, "ledger": "memory", "now_ms": 1764000000000}"""))
        eq(gate.approvers(), listOf(APPROVER), "approvers, in policy order")
        val cart = gate.orchestrateBlocking(KIT.copy(prompt = "hackathon kit for 300 people: snacks, badges, prizes", budget = "700")).cart
        check(BigDecimal(cart.total()) > BigDecimal("250")) { "total ${cart.total()} is not above the threshold" }
        check(gate.needsApproval(cart)) { "a ${cart.total()} cart needs no approval" }
        check(!gate.needsApproval(Cart.fromJson("""[{"vendor_id": "amazon", "price": "10", "quantity": 1}]"""))) { "10 USDC needs approval" }
        check(gate.authorize(cart).violations.any { it.code == "APPROVAL_REQUIRED" }) { "no APPROVAL_REQUIRED" }
        throws<FluxException.ApprovalRequired> { gate.executeBlocking(cart) }

        val expiresAt = 1764000000uL + 600uL
        val message = approvalMessage(cart.id(), gate.policyHash(), expiresAt, "approval-1")
        val key = KeyFactory.getInstance("Ed25519").generatePrivate(EdECPrivateKeySpec(NamedParameterSpec.ED25519, ByteArray(32) { 7 }))
        val signature = Signature.getInstance("Ed25519").run { initSign(key); update(message.toByteArray()); sign() }
        val approval = JsonObject().apply {
            addProperty("approval_id", "approval-1")
            addProperty("cart_id", cart.id())
            addProperty("policy_hash", gate.policyHash())
            addProperty("expires_at", expiresAt.toLong())
            addProperty("approver", APPROVER)
            addProperty("signature", signature.joinToString("") { "%02x".format(it) })
        }.toString()
        val decision = gate.authorize(cart, approval)
        check(decision.allowed) { "the signed approval was refused: ${decision.violations}" }
        eq(gate.executeBlocking(cart, approval = approval).status, "success", "paid with the approval")
    }

    test("errors carry the core's field and retry hint") {
        val budget = throws<FluxException.InvalidInput> { flux.orchestrateBlocking(KIT.copy(budget = "-5")) }
        eq(Triple(budget.code, budget.field, budget.retryAfter), Triple("INVALID_AMOUNT", "budget", null), "a bad budget")
        check("field=budget" in budget.message!!) { budget.message!! }
        eq(throws<FluxException.InvalidInput> { runBlocking { flux.orchestrate(KIT.copy(prompt = " ")) } }.field, "prompt", "empty prompt")
        eq(throws<FluxException.InvalidInput> { flux.orchestrateDocumentBlocking(ByteArray(0), "400", 3u, Strategy.Fastest) }.field, "file", "empty document")
        eq(throws<FluxException.InvalidInput> { flux.orchestrateDocumentBlocking("x".toByteArray(), "1.0000001", 3u, Strategy.Fastest) }.field,
            "budget", "a document's budget")
        val memory = Flux(FluxConfig.Json("""{"ledger": "memory"}"""))
        val cart = memory.orchestrateBlocking(KIT).cart
        eq(throws<FluxException.InvalidInput> { memory.executeBlocking(cart, idempotencyKey = "has space") }.field, "Idempotency-Key", "bad key")
        memory.executeBlocking(cart, idempotencyKey = "order-7")
        val other = cart.removeLine(cart.lines().first().id)
        val reused = throws<FluxException.Conflict> { memory.executeBlocking(other, idempotencyKey = "order-7") }
        eq(Triple(reused.code, reused.field, reused.retryAfter), Triple("IDEMPOTENCY_CONFLICT", "Idempotency-Key", null), "a key reused")
        val config = throws<FluxException.Config> { Flux(FluxConfig.Json("""{"settler": "teleport"}""")) }
        eq(config.field to config.retryAfter, null to null, "no field for a configuration")
    }

    test("a shopping list as a document: read offline into the intent, or a typed error") {
        val list = "# offsite\n- 24 energy drinks\n- badges for 40 people\n".toByteArray()
        val proposal = runBlocking { flux.orchestrateDocument(list, "400", 3u, Strategy.Fastest, filename = "list.md") }
        check("energy drinks" in proposal.intent.prompt) { proposal.intent.prompt }
        check(proposal.cart.lines().isNotEmpty()) { "no lines from the list" }
        eq(flux.orchestrateDocumentBlocking(list, "400", 3u, Strategy.Fastest, filename = "list.md").canonicalJson,
            proposal.canonicalJson, "blocking twin")
        val png = byteArrayOf(0x89.toByte(), 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) + ByteArray(64)
        val photo = throws<FluxException> { flux.orchestrateDocumentBlocking(png, "400", 3u, Strategy.Fastest, filename = "list.png") }
        check("VISION_UNAVAILABLE" in photo.toString()) { "$photo" }
        val empty = throws<FluxException.InvalidInput> { flux.orchestrateDocumentBlocking(ByteArray(0), "400", 3u, Strategy.Fastest) }
        eq(empty.code, "EMPTY_DOCUMENT", "empty document")
    }

    test("the audit trail exports, drains and verifies") {
        val audit = Flux(FluxConfig.Json("""{"now_ms": 1764000000000}"""))
        audit.orchestrateBlocking(KIT)
        val jsonl = audit.auditJsonl()
        val head = audit.auditHead()
        eq(verifyAuditJsonl(jsonl, head = head).toInt(), jsonl.trim().lines().size, "events")
        eq(audit.takeAuditJsonl(), jsonl, "take returns the same events")
        eq(audit.auditJsonl(), "", "then forgets them")
        eq(audit.auditBase(), head, "the next segment chains from the old head")
        val tampered = jsonl.replaceFirst("\"intent.parsed\"", "\"intent.parsec\"")
        throws<FluxException.InvalidInput> { verifyAuditJsonl(tampered) }
    }

    test("a keystore's password comes from the host's callback; keys never cross") {
        if ("evm" !in features()) return@test
        val keystore = File(testdata, "sandbox-keystore.json").absolutePath
        val config = FluxConfig.Json("""{"settler": {"kind": "evm", "keystore": ${com.google.gson.Gson().toJson(keystore)}}}""")
        val asked = mutableListOf<String>()
        val store = object : PasswordProvider {
            override fun password(keystorePath: String): String {
                asked += keystorePath
                return "correct horse battery staple"
            }
        }
        val evm = Flux(config, store)
        eq(evm.settlementMode(), "evm", "mode")
        eq(asked, listOf(keystore), "asked once, with the keystore's path")

        val wrong = throws<FluxException.Config> { Flux(config, object : PasswordProvider { override fun password(keystorePath: String) = "tr0ub4dor&3" }) }
        eq(wrong.code, "SETTLER_CONFIG", "wrong password")
        check("tr0ub4dor" !in wrong.toString()) { "the error quotes the password" }

        // What the provider throws is what the app catches: the same case, code and reason.
        val cancelled = throws<FluxException.Config> {
            Flux(config, object : PasswordProvider {
                override fun password(keystorePath: String): String =
                    throw FluxException.Config("USER_CANCELLED", "the user closed the prompt", field = null, retryAfter = null)
            })
        }
        eq(cancelled.code, "USER_CANCELLED", "the provider's own code")
        eq(cancelled.reason, "the user closed the prompt", "the provider's own reason")
        val locked = throws<FluxException.Unavailable> {
            Flux(config, object : PasswordProvider {
                override fun password(keystorePath: String): String =
                    throw FluxException.Unavailable("VAULT_LOCKED", "unlock the device first", field = null, retryAfter = 30uL)
            })
        }
        eq(Triple(locked.code, locked.reason, locked.retryAfter), Triple("VAULT_LOCKED", "unlock the device first", 30uL), "another case, as thrown")
        val crashed = throws<FluxException.Internal> {
            Flux(config, object : PasswordProvider { override fun password(keystorePath: String): String = error("vault exploded: hunter2") })
        }
        eq(crashed.code, "HOST_CALLBACK_FAILED", "anything else thrown")
        check("IllegalStateException" in crashed.reason && "hunter2" !in crashed.toString()) { crashed.reason }
        eq(throws<FluxException.Config> { Flux(FluxConfig.Json("""{"settler": {"kind": "evm", "key_env": "0xabc123"}}""")) }.code,
            "INVALID_CONFIG", "a key pasted where a variable name goes")
    }

    println("kotlin: $passed passed, $failed failed")
    if (failed > 0) System.exit(1)
}

/** One vector through the binding: the same inputs and outputs as flux-core/tests/vectors.rs. */
private fun runVector(file: File) {
    val v = JsonParser.parseString(file.readText()).asJsonObject
    val config = JsonObject()
    val catalog = v.get("catalog")
    if (catalog != null && catalog.isJsonObject) {
        val catalogs = com.google.gson.JsonArray()
        if (v.get("with_embedded_catalog")?.asBoolean != false) catalogs.add("embedded")
        catalogs.add(catalog)
        config.add("catalogs", catalogs)
    }
    config.add("policy", v.get("policy") ?: com.google.gson.JsonPrimitive("demo"))
    config.addProperty("settler", "sandbox")
    val now = v.get("now").asBigInteger.toLong()
    config.addProperty("now_ms", if (now < 32_503_680_000L) now * 1000 else now)
    // Gson keeps each number's text, so the budget reaches the core exactly as written.
    val flux = Flux(FluxConfig.Json(config.toString()))
    val proposal = flux.orchestrateBlocking(intentFromJson(v.get("intent").toString()))
    val expected: JsonObject = v.getAsJsonObject("expected")
    for ((key, want: JsonElement) in expected.entrySet()) {
        val got = when (key) {
            "proposal" -> proposal.canonicalJson
            "cart_id" -> proposal.cartId
            "cart" -> proposal.cart.canonicalJson()
            "decision" -> flux.authorize(proposal.cart).canonicalJson
            "intent_hash" -> proposal.intentHash
            else -> throw AssertionError("${file.name}: unknown expected key '$key' (teach this runner about it)")
        }
        eq(got, want.asString, "${file.name}: $key")
    }
}
