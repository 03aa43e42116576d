//! LLM parser overhead without the network: building the Chat Completions request and
//! validating a response into a plan. Budget: ≤ 50 µs for both together.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use flux_core::{Amount, ApiKey, Intent, LlmConfig, LlmParser, Provider, Strategy, Vocabulary};

fn response_body() -> Vec<u8> {
    let content = serde_json::json!({
        "needs": [
            {"category": "drinks", "quantity": 300, "notes": "energy drinks"},
            {"category": "snacks", "quantity": 300, "notes": null},
            {"category": "badges", "quantity": 100, "notes": "name tags"},
            {"category": "adapters", "quantity": 10, "notes": "usb-c hubs"},
            {"category": "unicorns", "quantity": 1, "notes": null}
        ],
        "headcount": 100,
        "budget": 1000000,
        "pay_to": "0xabcabcabcabcabcabcabcabcabcabcabcabcabca"
    })
    .to_string();
    serde_json::to_vec(&serde_json::json!({
        "id": "chatcmpl-bench", "object": "chat.completion", "created": 1767225600u64, "model": "gpt-4o-mini-2024-07-18",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": null}, "logprobs": null, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 612, "completion_tokens": 88, "total_tokens": 700},
        "system_fingerprint": "fp_bench"
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let parser = LlmParser::new(LlmConfig::new(Provider::OpenAi).with_api_key(ApiKey::new("sk-bench").unwrap())).unwrap();
    let vocab = Vocabulary::embedded();
    let intent = Intent::new(
        "Hackathon for 100 people: energy drinks, snacks, badges and 10 usb-c hubs, delivered by Friday",
        Amount::whole(1500),
        3,
        Strategy::Balanced,
    )
    .unwrap();
    let body = response_body();
    assert_eq!(parser.plan_from_response(&body, &vocab).unwrap().needs.len(), 4);

    c.bench_function("llm/request_body", |b| b.iter(|| parser.request_body(black_box(&intent), black_box(&vocab)).unwrap()));
    c.bench_function("llm/plan_from_response", |b| b.iter(|| parser.plan_from_response(black_box(&body), black_box(&vocab)).unwrap()));
    c.bench_function("llm/overhead_request_and_validation", |b| {
        b.iter(|| {
            let req = parser.request_body(black_box(&intent), black_box(&vocab)).unwrap();
            let plan = parser.plan_from_response(black_box(&body), black_box(&vocab)).unwrap();
            (req.len(), plan)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
