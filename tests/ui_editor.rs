//! The task-definition editor, natively: formatting keeps key order and is idempotent,
//! highlighting covers the text exactly, every template loads without errors, every corpus
//! file survives format/highlight/read, and the server-rendered editor shows its label,
//! line numbers and the problems of an invalid text.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use ecs_playground::sim::json::{parse, JsonKind};
use ecs_playground::sim::taskdef::{read_task_definition, NetworkMode};
use ecs_playground::ui::components::editor::format::format_json;
use ecs_playground::ui::components::editor::highlight::{to_html, tokenize, Mark, TokenKind};
use ecs_playground::ui::components::editor::templates::{template, TEMPLATES};
use ecs_playground::ui::components::editor::{
    key_action, problem_text, utf16_offset, Analysis, Editor, EditorProps, KeyAction, Layers,
    LineStarts, HIGHLIGHT_LIMIT,
};
use proptest::prelude::*;
use yew::{AttrValue, Callback, ServerRenderer};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/taskdefs");

/// Every corpus file as (name, text); empty (with a note) when the folder is absent.
fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(CORPUS);
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("note: {CORPUS} does not exist; skipping the corpus checks");
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    files.sort();
    files
}

/// The keys of every object, depth first, in source order.
fn key_order(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut stack = vec![parse(text).expect("valid JSON")];
    while let Some(json) = stack.pop() {
        match json.kind {
            JsonKind::Object(members) => {
                for m in members.into_iter().rev() {
                    keys.push(m.key.clone());
                    stack.push(m.value);
                }
            }
            JsonKind::Array(items) => stack.extend(items.into_iter().rev()),
            _ => {}
        }
    }
    keys
}

fn assert_formats_well(name: &str, text: &str) {
    let Ok(once) = format_json(text) else {
        return; // invalid JSON: nothing to format
    };
    assert_eq!(
        key_order(text),
        key_order(&once),
        "{name}: key order changed"
    );
    assert_eq!(
        parse(text).map(|j| j.to_value()).ok(),
        parse(&once).map(|j| j.to_value()).ok(),
        "{name}: formatting changed the data"
    );
    let twice = format_json(&once).expect("formatted text parses");
    assert_eq!(once, twice, "{name}: formatting is not idempotent");
}

fn assert_tokens_cover(name: &str, text: &str) {
    let tokens = tokenize(text);
    let mut at = 0;
    for t in &tokens {
        assert_eq!(t.start, at, "{name}: gap or overlap at byte {at}");
        assert!(t.end > t.start, "{name}: empty token at {at}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{name}: token splits a character"
        );
        at = t.end;
    }
    assert_eq!(
        at,
        text.len(),
        "{name}: tokens stop at {at} of {}",
        text.len()
    );
    let joined: String = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(joined, text, "{name}");
}

/// The text back from highlight HTML: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn format_keeps_key_order_and_is_idempotent() {
    let text = r#"{"family":"web","containerDefinitions":[{"name":"web","image":"nginx","memory":512,"cpu":256,"portMappings":[{"hostPort":0,"containerPort":80}]}],"networkMode":"bridge","cpu":"1 vCPU","x":1.50,"e":"é\u00e9\"\\"}"#;
    let formatted = format_json(text).unwrap();
    assert!(formatted.starts_with("{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    {\n      \"name\": \"web\","), "{formatted}");
    assert!(
        formatted.contains("\"memory\": 512,\n      \"cpu\": 256"),
        "{formatted}"
    );
    assert!(
        formatted.contains("\"x\": 1.50"),
        "numbers stay as written: {formatted}"
    );
    assert!(formatted.contains(r#""e": "éé\"\\""#), "{formatted}");
    assert_formats_well("inline", text);
    for t in TEMPLATES {
        assert_formats_well(t.name, t.text);
        assert_eq!(
            format_json(t.text).unwrap(),
            t.text,
            "template {} is not in Format's own style",
            t.name
        );
    }
}

#[test]
fn format_refuses_invalid_json_with_its_position() {
    let err = format_json("{\n  \"family\": \"web\",\n}").unwrap_err();
    assert_eq!(err.line, 2); // at the trailing comma
    assert!(err.message.contains("invalid JSON"), "{}", err.message);
    assert!(format_json("").is_err());
}

#[test]
fn highlight_covers_the_text_exactly() {
    let tricky = [
        "",
        "{",
        "\"",
        "\"\\",
        "\"abc\\\"",
        "\"é\\é\"",
        "\"a\\\nb\"",
        "{\"a\":tru}",
        "{\"cpu\": ${CPU}, \"m\": -1.5e+3}",
        "\r\n\t {}[],:",
        "😀 \"😀\": 😀",
        "\u{feff}{\"a\": 1}",
        "<script>&</script>",
    ];
    for t in tricky {
        assert_tokens_cover(&format!("{t:?}"), t);
        let html = to_html(
            t,
            &tokenize(t),
            &[Mark {
                offset: 1,
                class: "mark-error",
            }],
        );
        assert_eq!(html_text(&html), t, "HTML text differs for {t:?}");
        assert!(!html.contains("<script"), "{html}");
    }
    let kinds: Vec<TokenKind> = tokenize(r#"{"a": [1, "b", null]}"#)
        .iter()
        .map(|t| t.kind)
        .collect();
    assert!(kinds.contains(&TokenKind::Key) && kinds.contains(&TokenKind::Literal));
}

#[test]
fn every_template_is_a_valid_task_definition() {
    assert!(TEMPLATES.len() >= 5);
    for t in TEMPLATES {
        let report = read_task_definition(t.text);
        assert!(
            report.errors.is_empty(),
            "template {}: {:?}",
            t.name,
            report.errors
        );
        assert!(
            report.warnings.is_empty(),
            "template {}: {:?}",
            t.name,
            report.warnings
        );
        assert!(report.task_definition.is_some(), "template {}", t.name);
        assert_eq!(template(t.name), Some(t));
        assert!(Analysis::new(t.text.into())
            .summary
            .starts_with("Valid task definition: family "));
    }
    let get = |name: &str| {
        read_task_definition(template(name).unwrap().text)
            .task_definition
            .unwrap()
    };

    let web = get("web-dynamic-port");
    assert_eq!(web.network_mode, NetworkMode::Bridge);
    assert_eq!(
        (web.cpu_reservation(), web.memory_reservation()),
        (256, 512)
    );
    let (_, port) = web.port_mappings().next().unwrap();
    assert_eq!((port.container_port, port.host_port), (80, Some(0)));

    let fargate = get("fargate-awsvpc");
    assert_eq!(fargate.network_mode, NetworkMode::Awsvpc);
    assert_eq!((fargate.cpu, fargate.memory), (Some(512), Some(1024)));
    assert_eq!(
        fargate.requires_compatibilities,
        vec!["FARGATE".to_string()]
    );
    assert_eq!(
        fargate.port_mappings().next().unwrap().1.container_port,
        8080
    );

    let sidecar = get("app-with-sidecar");
    assert_eq!(sidecar.container_definitions.len(), 2);
    assert!(sidecar.container_definitions.iter().any(|c| !c.essential));
    assert!(sidecar
        .container_definitions
        .iter()
        .any(|c| !c.links.is_empty()));

    let fixed = get("static-host-port");
    assert_eq!(
        fixed
            .port_mappings()
            .next()
            .unwrap()
            .1
            .static_host_port(fixed.network_mode),
        Some(8080)
    );

    assert_eq!(get("gpu-worker").gpu_reservation(), 1);
}

#[test]
fn summary_and_problem_wording() {
    let valid = Analysis::new(template("web-dynamic-port").unwrap().text.into());
    assert_eq!(
        valid.summary,
        "Valid task definition: family web, bridge, reserves 256 CPU units and 512 MiB"
    );
    let gpu = Analysis::new(template("gpu-worker").unwrap().text.into());
    assert!(
        gpu.summary
            .ends_with("reserves 2,048 CPU units and 8,192 MiB and 1 GPU"),
        "{}",
        gpu.summary
    );

    let text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    {\"name\": \"web\", \"image\": \"nginx\", \"memory\": \"lots\"}\n  ]\n}";
    let invalid = Analysis::new(text.into());
    assert!(!invalid.is_valid());
    let n = invalid.report.errors.len();
    assert!(
        invalid.summary.starts_with(&format!("{n} error")),
        "{}",
        invalid.summary
    );
    let first = problem_text(&invalid.report.errors[0]);
    assert!(first.starts_with("line 4, column "), "{first}");
    assert!(first.contains(" — containerDefinitions[0]"), "{first}");
}

#[test]
fn layers_mark_problem_lines_and_skip_colour_on_huge_text() {
    let text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": 5\n}";
    let analysis = Analysis::new(text.into());
    let layers = Layers::new(text, &analysis, 1);
    assert_eq!(layers.line_count, 4);
    assert_eq!(layers.numbers.as_str(), "1\n2\n3\n4");
    assert!(
        layers.marks.iter().any(|m| m.line == 3),
        "{:?}",
        layers.marks
    );
    let html = layers.highlight.as_deref().unwrap();
    assert!(html.contains("mark-error"), "{html}");

    // Diagnostics of an older, longer text are clamped onto the current one.
    let shorter = Layers::new("{", &analysis, 1);
    assert!(shorter.marks.iter().all(|m| m.line == 1));

    // A long text draws only a window of lines around the view.
    let long: String = (0..5000).map(|i| format!("{{\"n\": {i}}}\n")).collect();
    let analysis = Analysis::new(long.clone().into());
    let layers = Layers::new(&long, &analysis, 2001);
    assert_eq!(layers.line_count, 5001);
    assert!(
        layers.numbers.starts_with("2001\n2002\n"),
        "{}",
        &layers.numbers[..20]
    );
    assert!(layers.marks.iter().all(|m| layers.window.contains(m.line)));
    let html = layers.highlight.as_deref().unwrap();
    assert!(html.starts_with("<code>{<span class=\"tok-key\">&quot;n&quot;</span>: <span class=\"tok-number\">2000</span>}"), "{}", &html[..120]);
    assert!(
        html.len() < 40_000,
        "the whole text was drawn: {} bytes",
        html.len()
    );

    let huge = format!("[{}0]", "0, ".repeat(HIGHLIGHT_LIMIT / 3 + 10));
    let layers = Layers::new(&huge, &Analysis::new(huge.clone().into()), 1);
    assert!(layers.highlight.is_none());
}

#[test]
fn positions_convert_between_lines_bytes_and_utf16() {
    let text = "{\n  \"é😀\": x\n}";
    let lines = LineStarts::new(text);
    let byte = lines.offset(2, 9);
    assert_eq!(&text[byte..byte + 1], "x");
    assert_eq!(utf16_offset(text, byte), 2 + 8 + 1); // the emoji counts two UTF-16 units
    assert_eq!(key_action("Tab", false, false, false), KeyAction::Indent);
    assert_eq!(key_action("Tab", false, false, true), KeyAction::Native);
}

#[test]
fn every_corpus_file_goes_through_format_highlight_and_read() {
    for (name, text) in corpus() {
        assert_tokens_cover(&name, &text);
        assert_formats_well(&name, &text);
        let analysis = Analysis::new(text.clone().into());
        let layers = Layers::new(&text, &analysis, 1);
        if let (Some(html), true) = (&layers.highlight, layers.line_count <= 400) {
            assert_eq!(html_text(html), text, "{name}: highlight changed the text");
        }
        assert!(!analysis.summary.is_empty());
        for d in analysis
            .report
            .errors
            .iter()
            .chain(&analysis.report.warnings)
        {
            assert!(problem_text(d).starts_with("line "), "{name}: {d}");
        }
        // Formatting a valid file keeps its verdict.
        if let Ok(formatted) = format_json(&text) {
            let after = read_task_definition(&formatted);
            assert_eq!(
                analysis.report.errors.is_empty(),
                after.errors.is_empty(),
                "{name}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_covered_and_never_panics(text in "[\\PC\\s\"\\\\{}\\[\\]:,0-9eE.+-]{0,80}") {
        assert_tokens_cover("generated", &text);
        let _ = format_json(&text);
        let analysis = Analysis::new(text.clone().into());
        let _ = Layers::new(&text, &analysis, 1);
    }
}

async fn render(text: &str) -> String {
    // The props are built on the renderer's side: a String is Send, an AttrValue is not.
    let text = text.to_string();
    ServerRenderer::<Editor>::with_props(move || EditorProps {
        text: AttrValue::from(text),
        on_change: Callback::noop(),
        debounce_ms: 250,
        id: "taskdef-editor".into(),
        registration: None,
    })
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn server_render_shows_label_line_numbers_and_problems() {
    let html = render("{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    {\"name\": \"web\", \"image\": \"nginx\", \"memory\": -5}\n  ]\n}").await;
    assert!(html.contains("Task definition JSON"), "{html}");
    assert!(
        html.contains(r#"for="taskdef-editor-input""#)
            && html.contains(r#"id="taskdef-editor-input""#),
        "{html}"
    );
    assert!(html.contains("1\n2\n3\n4\n5\n6"), "no line numbers: {html}");
    assert!(html.contains("editor-problems"), "no problem list: {html}");
    assert!(html.contains("line 4, column "), "{html}");
    assert!(html.contains("Error"), "{html}");
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("aria-label=\"Templates\""), "{html}");
    assert!(html.contains(">Format</button>"), "{html}");
    assert!(html.contains("Escape, then Tab"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn server_render_of_a_valid_text_shows_the_summary() {
    let html = render(template("web-dynamic-port").unwrap().text).await;
    assert!(
        html.contains("Valid task definition: family web, bridge"),
        "{html}"
    );
    assert!(!html.contains("editor-problems"), "{html}");
    assert!(html.contains("tok-key"), "no colouring: {html}");
}

#[tokio::test(flavor = "current_thread")]
async fn server_render_of_a_warning_uses_the_word_warning() {
    // Output of describe-task-definition: read-only fields are warnings, not errors.
    let text = r#"{"family": "web", "revision": 3, "status": "ACTIVE", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]}"#;
    let analysis = Analysis::new(text.into());
    if analysis.report.warnings.is_empty() {
        println!("note: the reader gave no warning for read-only fields; nothing to check");
        return;
    }
    let html = render(text).await;
    assert!(html.contains("Warning"), "{html}");
    assert!(html.contains("⚠"), "{html}");
}
