//! Every real-world task definition in ../shared/corpus/taskdefs either loads or is rejected
//! with positioned messages, and never panics. SOURCES.tsv there says what is special about
//! each file; the expectations below follow it. The folder sits beside the project (it is
//! not copied into the repository): without it these tests print a note and pass.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ecs_playground::sim::diagnostic::Diagnostic;
use ecs_playground::sim::taskdef::{read_task_definition, NetworkMode, TaskDefReport};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/taskdefs");

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(CORPUS);
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        println!("note: {CORPUS} does not exist; skipping the corpus tests");
        None
    }
}

fn text_of(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn read_file(dir: &Path, file: &str) -> (String, TaskDefReport) {
    let text = text_of(dir, file);
    let report = read_task_definition(&text);
    (text, report)
}

fn all(report: &TaskDefReport) -> String {
    let mut s = String::new();
    for e in &report.errors {
        s.push_str(&format!("\n  E {e}"));
    }
    for w in &report.warnings {
        s.push_str(&format!("\n  W {w}"));
    }
    s
}

/// The text from (line, column) on, to check that a diagnostic points at the right value.
fn text_at(text: &str, d: &Diagnostic) -> String {
    let line = text
        .lines()
        .nth(d.line as usize - 1)
        .unwrap_or_else(|| panic!("line {} out of range: {d}", d.line));
    line.chars().skip(d.column as usize - 1).collect()
}

fn error<'r>(report: &'r TaskDefReport, file: &str, path: &str) -> &'r Diagnostic {
    report
        .errors
        .iter()
        .find(|d| d.path == path)
        .unwrap_or_else(|| panic!("{file}: no error at {path}:{}", all(report)))
}

fn assert_points_at(text: &str, d: &Diagnostic, start: &str) {
    let at = text_at(text, d);
    assert!(
        at.starts_with(start),
        "{d}\n  points at {at:?}, expected it to start with {start:?}"
    );
}

fn loads(dir: &Path, file: &str) -> (String, TaskDefReport) {
    let (text, report) = read_file(dir, file);
    assert!(
        report.errors.is_empty(),
        "{file} should load:{}",
        all(&report)
    );
    assert!(
        report.task_definition.is_some(),
        "{file}: no errors but no definition"
    );
    (text, report)
}

fn rejected(dir: &Path, file: &str) -> (String, TaskDefReport) {
    let (text, report) = read_file(dir, file);
    assert!(
        !report.errors.is_empty(),
        "{file} should be rejected:{}",
        all(&report)
    );
    assert!(
        report.task_definition.is_none(),
        "{file}: a definition despite errors"
    );
    (text, report)
}

/// SOURCES.tsv as file name -> notes column.
fn sources(dir: &Path) -> HashMap<String, String> {
    let tsv = text_of(dir, "SOURCES.tsv");
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((cols.first()?.to_string(), cols.get(4)?.to_string()))
        })
        .collect()
}

// ---------------------------------------------------------------- every file

#[test]
fn every_file_loads_or_is_rejected_with_positioned_messages() {
    let Some(dir) = corpus() else { return };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 60,
        "expected the whole corpus, found {}",
        files.len()
    );
    let (mut loaded, mut refused) = (0, 0);
    for file in &files {
        let text = text_of(&dir, file);
        let report = std::panic::catch_unwind(|| read_task_definition(&text))
            .unwrap_or_else(|_| panic!("{file}: the reader panicked"));
        let lines = text.lines().count().max(1) as u32;
        for d in report.errors.iter().chain(&report.warnings) {
            assert!(d.line >= 1 && d.column >= 1, "{file}: unpositioned {d}");
            assert!(d.line <= lines, "{file}: line past the end: {d}");
            assert!(
                !d.message.trim().is_empty(),
                "{file}: empty message at {}",
                d.path
            );
        }
        assert_eq!(
            report.task_definition.is_some(),
            report.errors.is_empty(),
            "{file}:{}",
            all(&report)
        );
        if report.errors.is_empty() {
            loaded += 1;
        } else {
            refused += 1;
        }
    }
    println!("corpus: {loaded} load, {refused} are rejected");
    assert!(
        loaded >= 35,
        "most of the corpus is registrable as written ({loaded} loaded)"
    );
}

#[test]
fn invalid_json_files_give_one_syntax_error_near_pythons_position() {
    let Some(dir) = corpus() else { return };
    let notes = sources(&dir);
    let mut checked = 0;
    for (file, note) in &notes {
        let Some(rest) = note.split("valid JSON: NO (").nth(1) else {
            continue;
        };
        // "JSONDecodeError: Expecting value: line 17 column 28 (char 649))"
        let python_line: u32 = rest
            .split("line ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{file}: no line in {rest}"));
        let (_, report) = rejected(&dir, file);
        assert_eq!(report.errors.len(), 1, "{file}:{}", all(&report));
        let d = &report.errors[0];
        assert_eq!(d.path, "", "{file}: {d}");
        assert!(d.message.starts_with("invalid JSON"), "{file}: {d}");
        // Parsers differ on where a trailing comma is blamed: at the comma (here) or at the
        // next token (Python), so allow the line before.
        assert!(
            d.line == python_line || d.line + 1 == python_line,
            "{file}: {d} vs Python's line {python_line}"
        );
        checked += 1;
    }
    assert_eq!(checked, 7, "SOURCES.tsv marks seven files as invalid JSON");
}

#[test]
fn describe_output_files_warn_about_read_only_fields() {
    let Some(dir) = corpus() else { return };
    let notes = sources(&dir);
    let mut checked = 0;
    for (file, note) in &notes {
        if !note.contains("describe-output: yes") {
            continue;
        }
        let (text, report) = read_file(&dir, file);
        let read_only: Vec<&Diagnostic> = report
            .warnings
            .iter()
            .filter(|w| w.message.contains("read-only"))
            .collect();
        assert!(
            read_only.len() >= 4,
            "{file}: expected read-only warnings:{}",
            all(&report)
        );
        for w in read_only {
            let key = w.path.rsplit('.').next().unwrap_or(&w.path);
            assert_points_at(&text, w, &format!("\"{key}\""));
            assert!(
                w.message
                    .contains("RegisterTaskDefinition would not accept it"),
                "{w}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 10,
        "SOURCES.tsv lists {checked} describe outputs"
    );
}

// ---------------------------------------------------------------- files that load

#[test]
fn plain_definitions_load_with_ecs_defaults() {
    let Some(dir) = corpus() else { return };
    // 002: no networkMode (bridge), containerPort only (dynamic), memoryReservation only, links.
    let (_, r) = loads(&dir, "002.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(td.network_mode, NetworkMode::Bridge);
    assert_eq!((td.cpu, td.memory), (None, None));
    let app = td
        .container_definitions
        .iter()
        .find(|c| !c.links.is_empty())
        .expect("a container with links");
    assert_eq!(app.links, vec!["fluentbit"]);
    assert!(
        app.port_mappings
            .iter()
            .all(|p| p.static_host_port(NetworkMode::Bridge).is_none()),
        "dynamic ports"
    );
    assert!(r.warnings.is_empty(), "{}", all(&r));

    // 006: static hostPort 80 -> containerPort 8080 is fine in bridge mode.
    let (_, r) = loads(&dir, "006.json");
    let pm = &r
        .task_definition
        .as_ref()
        .expect("loaded")
        .container_definitions[0]
        .port_mappings[0];
    assert_eq!(
        (pm.container_port, pm.static_host_port(NetworkMode::Bridge)),
        (8080, Some(80))
    );

    // 013: six containers, one essential; dependsOn SUCCESS/COMPLETE on non-essential ones.
    let (_, r) = loads(&dir, "013.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(td.container_definitions.len(), 6);
    assert_eq!(
        td.container_definitions
            .iter()
            .filter(|c| c.essential)
            .count(),
        1
    );

    // 014: links with an alias; the second container has no essential key (so essential).
    let (_, r) = loads(&dir, "014.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert!(td
        .container_definitions
        .iter()
        .any(|c| c.links == vec!["nginx:nginx"]));
    assert!(td.container_definitions.iter().all(|c| c.essential));

    // 020: tiny EC2 task, cpu "128" memory "64" as strings.
    let (_, r) = loads(&dir, "020.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!((td.cpu, td.memory), (Some(128), Some(64)));

    // 033: host network mode with a static hostPort 80.
    let (_, r) = loads(&dir, "033.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(td.network_mode, NetworkMode::Host);

    // 050: EC2, no networkMode, odd non-Fargate size.
    let (_, r) = loads(&dir, "050.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(
        (td.network_mode, td.cpu, td.memory),
        (NetworkMode::Bridge, Some(4096), Some(7764))
    );
}

#[test]
fn fargate_definitions_load() {
    let Some(dir) = corpus() else { return };
    for (file, cpu, memory, containers) in [
        ("009.json", 256, 512, 1),
        ("017.json", 256, 512, 1),
        ("019.json", 256, 512, 1),
        ("037.json", 1024, 2048, 2),
        ("047.json", 256, 1024, 2),
        ("054.json", 256, 512, 4),
        ("060.json", 512, 1024, 1),
    ] {
        let (_, r) = loads(&dir, file);
        let td = r.task_definition.as_ref().expect("loaded");
        assert_eq!(td.network_mode, NetworkMode::Awsvpc, "{file}");
        assert!(
            td.requires_compatibilities.iter().any(|c| c == "FARGATE"),
            "{file}"
        );
        assert_eq!(
            (td.cpu, td.memory, td.container_definitions.len()),
            (Some(cpu), Some(memory), containers),
            "{file}"
        );
    }
    // 009: memory equal to memoryReservation is accepted.
    let (_, r) = loads(&dir, "009.json");
    let c = &r
        .task_definition
        .as_ref()
        .expect("loaded")
        .container_definitions[0];
    assert_eq!((c.memory, c.memory_reservation), (Some(512), Some(512)));
}

#[test]
fn describe_outputs_load_and_keep_their_revision() {
    let Some(dir) = corpus() else { return };
    // 010: EC2 describe output, no networkMode (bridge), hostPort 0 (dynamic), revision 5.
    let (text, r) = loads(&dir, "010.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(td.family_revision(), "aghcampus-server-task:5");
    assert_eq!(td.network_mode, NetworkMode::Bridge);
    assert_eq!(
        td.container_definitions[0].port_mappings[0].host_port,
        Some(0)
    );
    assert_eq!(
        td.container_definitions[0].port_mappings[0].static_host_port(NetworkMode::Bridge),
        None
    );
    let arn = r
        .warnings
        .iter()
        .find(|w| w.path == "taskDefinitionArn")
        .expect("a warning for the ARN");
    assert_eq!((arn.line, arn.column), (2, 3));
    assert_points_at(&text, arn, "\"taskDefinitionArn\"");
    let mut paths: Vec<&str> = r.warnings.iter().map(|w| w.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "compatibilities",
            "registeredAt",
            "registeredBy",
            "requiresAttributes",
            "revision",
            "status",
            "taskDefinitionArn"
        ]
    );

    // 025 and 041: old-SDK output with explicit nulls ("networkMode": null means bridge).
    let (_, r) = loads(&dir, "025.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(
        (td.network_mode, td.cpu, td.memory),
        (NetworkMode::Bridge, Some(512), Some(256))
    );
    assert_eq!(td.container_definitions[0].memory_reservation, Some(128));
    let (_, r) = loads(&dir, "041.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!(td.revision, 299);
    assert!(td.requires_compatibilities.is_empty());
    assert_eq!(td.container_definitions[0].links, vec!["app"]);

    // 053: the newest schema (MANAGED_INSTANCES in compatibilities, enableFaultInjection).
    let (_, r) = loads(&dir, "053.json");
    assert!(
        r.warnings.iter().all(|w| w.path != "enableFaultInjection"),
        "{}",
        all(&r)
    );
    // 056 and 059: modern and old describe outputs.
    assert_eq!(
        loads(&dir, "056.json")
            .1
            .task_definition
            .map(|t| t.revision),
        Some(1)
    );
    let (_, r) = loads(&dir, "059.json");
    let td = r.task_definition.as_ref().expect("loaded");
    assert_eq!((td.revision, td.network_mode), (8, NetworkMode::Awsvpc));
}

#[test]
fn wrapped_definitions_load_under_the_task_definition_path() {
    let Some(dir) = corpus() else { return };
    // 001: {"taskDefinition": {...}} without describe fields.
    let (_, r) = loads(&dir, "001.json");
    assert!(r.warnings.is_empty(), "{}", all(&r));
    assert_eq!(
        r.task_definition.as_ref().map(|t| t.network_mode),
        Some(NetworkMode::Awsvpc)
    );
}

#[test]
fn duplicate_key_is_a_warning_and_the_last_wins() {
    let Some(dir) = corpus() else { return };
    let (text, r) = loads(&dir, "030.json");
    let w = r
        .warnings
        .iter()
        .find(|w| w.path == "requiresCompatibilities")
        .expect("duplicate-key warning");
    assert!(w.message.contains("more than once"), "{w}");
    assert_points_at(&text, w, "\"requiresCompatibilities\"");
    assert!(r
        .task_definition
        .expect("loaded")
        .requires_compatibilities
        .contains(&"FARGATE".to_string()));
}

// ---------------------------------------------------------------- files ECS would refuse

#[test]
fn placeholder_names_are_refused() {
    let Some(dir) = corpus() else { return };
    // 005: family "<TASK_NAME>".
    let (text, r) = rejected(&dir, "005.json");
    let d = error(&r, "005", "family");
    assert_points_at(&text, d, "\"<TASK_NAME>\"");
    assert!(
        d.message.contains("'<'") && d.message.contains("up to 255 letters"),
        "{d}"
    );
    assert_eq!(r.errors.len(), 1, "{}", all(&r));

    // 018: "$APP_ENV" in the family and the container name.
    let (text, r) = rejected(&dir, "018.json");
    assert_points_at(&text, error(&r, "018", "family"), "\"widget-$APP_ENV\"");
    let d = error(&r, "018", "containerDefinitions[0].name");
    assert!(
        d.message
            .starts_with("Container.name contains invalid characters."),
        "{d}"
    );

    // 046: a "$$$$NETWORK_MODE$$$$" placeholder as networkMode.
    let (text, r) = rejected(&dir, "046.json");
    let d = error(&r, "046", "networkMode");
    assert_points_at(&text, d, "\"$$$$NETWORK_MODE$$$$\"");
    assert!(d.message.contains("bridge, host, awsvpc or none"), "{d}");
}

#[test]
fn container_numbers_written_as_strings_are_refused() {
    let Some(dir) = corpus() else { return };
    // 007: container "memory": "256" and "cpu": "256" (the API takes integers there).
    let (text, r) = rejected(&dir, "007.json");
    let memory = error(&r, "007", "containerDefinitions[0].memory");
    assert_points_at(&text, memory, "\"256\"");
    assert!(memory.message.contains("without quotes"), "{memory}");
    error(&r, "007", "containerDefinitions[0].cpu");
    assert_eq!(
        r.errors.len(),
        2,
        "a bad memory is not also reported as missing:{}",
        all(&r)
    );
}

#[test]
fn awsvpc_host_port_must_equal_container_port() {
    let Some(dir) = corpus() else { return };
    for file in ["011.json", "026.json", "048.json", "052.json"] {
        let (text, r) = rejected(&dir, file);
        let d = error(&r, file, "containerDefinitions[0].portMappings[0].hostPort");
        assert!(
            d.message.starts_with("When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
            "{file}: {d}"
        );
        assert_points_at(&text, d, "80");
    }
    // 011's second mapping (8082 -> 8082) is fine: one error only.
    assert_eq!(rejected(&dir, "011.json").1.errors.len(), 1);
}

#[test]
fn missing_or_empty_images_are_refused() {
    let Some(dir) = corpus() else { return };
    // 026: no image key at all: the message points at the container object.
    let (text, r) = rejected(&dir, "026.json");
    let d = error(&r, "026", "containerDefinitions[0].image");
    assert!(
        d.message
            .starts_with("Container.image should not be null or empty."),
        "{d}"
    );
    assert_points_at(&text, d, "{");
    // 029 and 031: "image": "" left for CI to fill in.
    for file in ["029.json", "031.json"] {
        let (text, r) = rejected(&dir, file);
        assert_eq!(r.errors.len(), 1, "{file}:{}", all(&r));
        assert_points_at(
            &text,
            error(&r, file, "containerDefinitions[0].image"),
            "\"\"",
        );
    }
}

#[test]
fn unit_strings_load_once_the_image_is_filled_in() {
    let Some(dir) = corpus() else { return };
    // 031: task memory "2 GB" and cpu "1 vCPU" on Fargate.
    let text = text_of(&dir, "031.json").replacen("\"image\": \"\"", "\"image\": \"tiler:1\"", 1);
    let r = read_task_definition(&text);
    assert!(r.errors.is_empty(), "{}", all(&r));
    let td = r.task_definition.expect("loads");
    assert_eq!((td.cpu, td.memory), (Some(1024), Some(2048)));
}

#[test]
fn proxy_container_must_exist() {
    let Some(dir) = corpus() else { return };
    // 032: wrapped, partial describe fields, proxyConfiguration names a missing "envoy".
    let (text, r) = rejected(&dir, "032.json");
    let d = error(&r, "032", "taskDefinition.proxyConfiguration.containerName");
    assert_points_at(&text, d, "\"envoy\"");
    assert_eq!(r.errors.len(), 1, "{}", all(&r));
    let mut warned: Vec<&str> = r.warnings.iter().map(|w| w.path.as_str()).collect();
    warned.sort();
    assert_eq!(warned, ["taskDefinition.revision", "taskDefinition.status"]);
}

#[test]
fn tags_as_a_map_are_refused() {
    let Some(dir) = corpus() else { return };
    let (text, r) = rejected(&dir, "038.json");
    let d = error(&r, "038", "tags");
    assert_points_at(&text, d, "{");
    assert!(d.message.contains("array of {\"key\""), "{d}");
    assert_eq!(r.errors.len(), 1, "{}", all(&r));
}

#[test]
fn thirteen_containers_with_a_duplicate_are_refused() {
    let Some(dir) = corpus() else { return };
    let (text, r) = rejected(&dir, "049.json");
    let many = error(&r, "049", "containerDefinitions[10]");
    assert!(
        many.message.starts_with("Too many containers.") && many.message.contains("13"),
        "{many}"
    );
    assert_points_at(&text, many, "{");
    let dup = error(&r, "049", "containerDefinitions[12].name");
    assert!(
        dup.message
            .starts_with("Container names must be unique within a Task Definition."),
        "{dup}"
    );
    assert_points_at(&text, dup, "\"gateway\"");
    let port = error(
        &r,
        "049",
        "containerDefinitions[12].portMappings[0].hostPort",
    );
    assert!(
        port.message.contains("host port 80/tcp is already mapped"),
        "{port}"
    );
    // The empty images are reported too: every error, not just the first.
    let empty_images = r
        .errors
        .iter()
        .filter(|e| e.path.ends_with(".image"))
        .count();
    assert_eq!(empty_images, 12, "{}", all(&r));
}
