//! The core's modules form layers: no module uses a module that (directly or through others) uses
//! it back. Read from the source: every `crate::<module>` path outside comments and tests is an
//! edge from the module of the file it is written in; the test fails on any cycle and names it.
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level module a source file belongs to (`settle/evm/mod.rs` → `settle`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// A test file: `tests.rs`, `tests_*.rs`, `*_tests.rs`, or any file under a `tests/` directory.
fn is_test_file(relative: &Path) -> bool {
    let name = relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let in_tests = relative.parent().is_some_and(|dir| dir.components().any(|c| c.as_os_str() == "tests"));
    in_tests || name == "tests" || name.starts_with("tests_") || name.ends_with("_tests")
}

/// The modules named by `crate::<name>` in `source`, leaving out comments and the inline test module.
fn uses(source: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let name: String = line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn collect(dir: &Path, root: &Path, graph: &mut Graph) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read src").filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, graph);
            continue;
        }
        let relative = path.strip_prefix(root).expect("under src");
        if path.extension().is_none_or(|e| e != "rs") || relative == Path::new("lib.rs") || is_test_file(relative) {
            continue;
        }
        let module = module_of(relative);
        let source = std::fs::read_to_string(&path).expect("read source");
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(uses(&source).into_iter().filter(|m| *m != module));
    }
}

/// A cycle through `start`, if there is one: the modules in order.
fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![start.to_owned()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn modules_never_use_each_other_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    collect(&root, &root, &mut graph);
    assert!(graph.len() > 20, "the source tree was not read: {:?}", graph.keys().collect::<Vec<_>>());
    let cycles: Vec<String> = graph.keys().filter_map(|m| cycle_from(&graph, m)).map(|c| c.join(" -> ")).collect();
    assert!(cycles.is_empty(), "modules that use each other back:\n{}", cycles.join("\n"));
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut graph = Graph::new();
    graph.entry("ledger".into()).or_default().insert("settle".into());
    graph.entry("settle".into()).or_default().insert("policy".into());
    graph.entry("policy".into()).or_default().insert("ledger".into());
    assert_eq!(cycle_from(&graph, "ledger").map(|c| c.join(" -> ")), Some("ledger -> settle -> policy -> ledger".to_owned()));
    graph.entry("policy".into()).or_default().clear();
    assert_eq!(cycle_from(&graph, "ledger"), None);
    let code = "use crate::money::Amount;\n// see crate::flux\nfn f() { crate::redact::text(\"\"); }\n#[cfg(test)]\nmod tests { use crate::cart::Cart; }";
    assert_eq!(uses(code), ["money", "redact"].iter().map(|s| s.to_string()).collect());
}
