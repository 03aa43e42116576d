//! Orchestration from a document: a shopping list read into an intent, then the usual path.

use std::time::Instant;

use serde_json::json;

use super::{Flux, Timing};
use crate::audit::Phase;
use crate::error::FluxError;
use crate::intent::{Document, DocumentError, Dropped, Intent, Strategy, MAX_PROMPT_CHARS};
use crate::money::Amount;
use crate::proposal::Proposal;
use crate::reasons::DropReason;

impl Flux {
    /// A shopping list (text, Markdown, CSV, PDF, or a photo of one) → intent → optimal cart,
    /// as [`Flux::orchestrate`] does for a typed prompt. Nothing is paid.
    ///
    /// Text formats are read offline and deterministically into the intent's prompt (the
    /// proposal's `intent.prompt` shows what was read); lines past the longest prompt are left
    /// out and reported as one `document_truncated` entry in `dropped`, and so is a CSV row whose
    /// quantity counts nothing (negative: `quantity_out_of_range`; not whole, or words that are no
    /// number such as "lots" or "TBD": `invalid_quantity`), never bought at a default quantity.
    /// A quantity cell is read as a list says it: "30.0", "~30", "30?", "thirty", "30 pcs" are 30,
    /// "3 packs" (or a `Unit` column's "pack") three packs, and a range "30-40" its upper bound,
    /// 40. Rows a done column checks (`Bought: yes`), like checked or struck Markdown items, are
    /// crossed off, not bought. An image is read by the
    /// parser's vision model; without one the answer is `VISION_UNAVAILABLE`, never a guess.
    pub async fn orchestrate_document(
        &self,
        document: &Document,
        budget: Amount,
        deadline_days: u32,
        strategy: Strategy,
    ) -> Result<Proposal, FluxError> {
        let started = Instant::now();
        let digest = crate::canonical::hash_hex(document.bytes());
        let read = json!({"name": document.name(), "kind": document.kind(), "bytes": document.bytes().len(), "sha256": digest});
        if document.kind().is_image() {
            if !self.parser.reads_images() {
                return Err(DocumentError::VisionUnavailable.into());
            }
            // The prompt names the image; the needs come from the model that reads it.
            let prompt = format!("shopping list image {} (sha256 {})", document.name(), &digest[..16]);
            let intent = Intent::new(prompt, budget, deadline_days, strategy)?;
            let catalog = self.catalog().await?;
            self.record(Phase::Plan, "document.read", &read);
            let parse_started = Instant::now();
            let plan = self.parser.parse_image(document, &intent, catalog.vocabulary()).await;
            return self.propose_plan(Timing { started, parse_started }, &catalog, &intent, plan, Vec::new());
        }
        let list = document.read_list(MAX_PROMPT_CHARS)?;
        let intent = Intent::new(list.prompt, budget, deadline_days, strategy)?;
        let catalog = self.catalog().await?;
        self.record(Phase::Plan, "document.read", &read);
        let parse_started = Instant::now();
        let plan = self.parser.parse(&intent, catalog.vocabulary()).await;
        // Rows the document read but left out (a bad quantity), then lines past the prompt.
        let mut dropped = list.dropped;
        if list.left_out > 0 {
            dropped.push(Dropped {
                item: format!("{} more lines of {}", list.left_out, document.name()),
                reason: DropReason::DocumentTruncated,
            });
        }
        self.propose_plan(Timing { started, parse_started }, &catalog, &intent, plan, dropped)
    }
}
