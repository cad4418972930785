//! The task-definition reader, rule by rule, on small inline definitions: the exact path,
//! line and column of each message, and the words that say what ECS expects.

use ecs_playground::sim::diagnostic::Diagnostic;
use ecs_playground::sim::json::{parse, LineIndex};
use ecs_playground::sim::taskdef::{
    read_task_definition, read_task_definition_json, NetworkMode, Protocol, TaskDefReport,
};

fn read(text: &str) -> TaskDefReport {
    read_task_definition(text)
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

/// The only error at `path`.
fn error<'r>(report: &'r TaskDefReport, path: &str) -> &'r Diagnostic {
    let found: Vec<&Diagnostic> = report.errors.iter().filter(|d| d.path == path).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one error at {path}; got:{}",
        all(report)
    );
    found[0]
}

/// The only warning at `path`.
fn warning<'r>(report: &'r TaskDefReport, path: &str) -> &'r Diagnostic {
    let found: Vec<&Diagnostic> = report.warnings.iter().filter(|d| d.path == path).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one warning at {path}; got:{}",
        all(report)
    );
    found[0]
}

fn assert_at(d: &Diagnostic, line: u32, column: u32, words: &[&str]) {
    assert_eq!((d.line, d.column), (line, column), "position of {d}");
    for w in words {
        assert!(d.message.contains(w), "message lacks {w:?}: {d}");
    }
}

fn loads(text: &str) -> ecs_playground::sim::taskdef::TaskDefinition {
    let report = read(text);
    assert!(
        report.errors.is_empty(),
        "unexpected errors:{}",
        all(&report)
    );
    report.task_definition.expect("no errors, so a definition")
}

fn rejected(text: &str) -> TaskDefReport {
    let report = read(text);
    assert!(
        !report.errors.is_empty(),
        "expected errors, got none:{}",
        all(&report)
    );
    assert!(
        report.task_definition.is_none(),
        "a definition despite errors"
    );
    report
}

/// One EC2 container with 256 MiB, wrapped in a definition with `extra` task fields.
fn one_container(container_fields: &str) -> String {
    format!(
        "{{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    {{\n      \"name\": \"app\",\n      \"image\": \"nginx\",\n{container_fields}\n    }}\n  ]\n}}"
    )
}

// ---------------------------------------------------------------- loading and defaults

#[test]
fn minimal_ec2_definition_gets_ecs_defaults() {
    let td = loads(
        r#"{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx",
      "memory": 256,
      "portMappings": [{"containerPort": 80}]
    }
  ]
}"#,
    );
    assert_eq!(td.family, "web");
    assert_eq!(td.revision, 1);
    assert_eq!(
        td.network_mode,
        NetworkMode::Bridge,
        "bridge when networkMode is omitted"
    );
    assert_eq!(td.cpu, None);
    assert_eq!(td.memory, None);
    let c = &td.container_definitions[0];
    assert!(c.essential, "essential when omitted");
    assert_eq!(c.memory, Some(256));
    assert_eq!(c.cpu, 0);
    assert_eq!(
        c.port_mappings[0].protocol,
        Protocol::Tcp,
        "tcp when omitted"
    );
    assert_eq!(c.port_mappings[0].host_port, None);
    assert_eq!(td.memory_reservation(), 256);
    assert_eq!(td.raw["family"], "web", "raw keeps what was written");
}

#[test]
fn null_values_count_as_omitted() {
    // Old SDKs wrote describe output with explicit nulls.
    let td = loads(
        r#"{"family": "web", "networkMode": null, "cpu": null, "memory": null, "taskRoleArn": null,
  "containerDefinitions": [{"name": "app", "image": "nginx", "memory": null, "memoryReservation": 128,
    "links": null, "essential": null, "portMappings": [{"containerPort": 80, "hostPort": null, "protocol": null}]}]}"#,
    );
    assert_eq!(td.network_mode, NetworkMode::Bridge);
    let c = &td.container_definitions[0];
    assert_eq!(
        (c.memory, c.memory_reservation, c.essential),
        (None, Some(128), true)
    );
    assert_eq!(c.port_mappings[0].protocol, Protocol::Tcp);
}

#[test]
fn gpu_comes_from_resource_requirements() {
    let td = loads(&one_container(
        r#"      "memory": 512, "resourceRequirements": [{"type": "GPU", "value": "2"}]"#,
    ));
    assert_eq!(td.container_definitions[0].gpu, 2);
    assert_eq!(td.gpu_reservation(), 2);

    let r = rejected(&one_container(
        r#"      "memory": 512, "resourceRequirements": [{"type": "GPU", "value": "two"}]"#,
    ));
    let d = error(&r, "containerDefinitions[0].resourceRequirements[0].value");
    assert_at(d, 7, 72, &["\"two\"", "whole number of GPUs"]);
}

// ---------------------------------------------------------------- syntax

#[test]
fn invalid_json_is_one_positioned_error() {
    let r = rejected("{\n  \"family\": \"web\",\n  \"cpu\": ${CPU}\n}");
    assert_eq!(r.errors.len(), 1, "{}", all(&r));
    let d = &r.errors[0];
    assert_eq!(d.path, "");
    assert_eq!(d.line, 3);
    assert!(d.column >= 10, "{d}");
    assert!(d.message.contains("invalid JSON"), "{d}");

    let r = rejected("{\"family\": \"web\",}");
    assert_eq!((r.errors.len(), r.errors[0].line), (1, 1));
    assert!(r.errors[0].message.contains("comma"), "{}", r.errors[0]);

    let r = rejected("");
    assert_eq!((r.errors[0].line, r.errors[0].column), (1, 1));
}

#[test]
fn not_an_object() {
    let r = rejected("[1, 2]");
    assert_at(
        error(&r, ""),
        1,
        1,
        &["expected a JSON object", "got an array"],
    );
    let r = rejected("\n  [{\"name\": \"app\", \"image\": \"nginx\"}]");
    assert_at(
        error(&r, ""),
        2,
        3,
        &["list of container definitions", "containerDefinitions"],
    );
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let deep = format!(
        "{{\"family\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let r = rejected(&deep);
    assert_eq!(r.errors.len(), 1);
    let deep_ok = format!(
        "{{\"family\": \"web\", \"containerDefinitions\": [{{\"name\": \"a\", \"image\": \"b\", \"memory\": 8, \"dockerLabels\": {{\"x\": {}1{}}}}}]}}",
        "[".repeat(400),
        "]".repeat(400)
    );
    let r = read(&deep_ok);
    assert!(
        r.errors.is_empty(),
        "only dockerLabels' own type is checked: it loads, without a crash"
    );
}

// ---------------------------------------------------------------- required fields, names

#[test]
fn family_and_container_definitions_are_required() {
    let r = rejected("{\n  \"cpu\": \"256\"\n}");
    assert_at(error(&r, "family"), 1, 1, &["family is required"]);
    assert_at(
        error(&r, "containerDefinitions"),
        1,
        1,
        &["containerDefinitions is required"],
    );
}

#[test]
fn family_name_rules() {
    let r = rejected(&one_container("      \"memory\": 256").replace("\"web\"", "\"my web\""));
    assert_at(
        error(&r, "family"),
        2,
        13,
        &["a space", "up to 255 letters"],
    );
    let long = "f".repeat(256);
    let r = rejected(
        &one_container("      \"memory\": 256").replace("\"web\"", &format!("\"{long}\"")),
    );
    assert_at(error(&r, "family"), 2, 13, &["256 characters"]);
    loads(
        &one_container("      \"memory\": 256")
            .replace("\"web\"", &format!("\"{}\"", "A-z_0".repeat(51))),
    );
}

#[test]
fn container_name_and_image_are_required() {
    let r = rejected(
        r#"{
  "family": "web",
  "containerDefinitions": [
    {"image": "nginx", "memory": 128},
    {"name": "b", "memory": 128},
    {"name": "c$", "image": "", "memory": 128}
  ]
}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].name"),
        4,
        5,
        &["Container.name should not be null or empty."],
    );
    assert_at(
        error(&r, "containerDefinitions[1].image"),
        5,
        5,
        &["Container.image should not be null or empty."],
    );
    assert_at(
        error(&r, "containerDefinitions[2].name"),
        6,
        14,
        &["Container.name contains invalid characters.", "'$'"],
    );
    assert_at(
        error(&r, "containerDefinitions[2].image"),
        6,
        29,
        &["Container.image should not be null or empty."],
    );
    assert_eq!(r.errors.len(), 4, "{}", all(&r));
}

#[test]
fn duplicate_container_names() {
    let r = rejected(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "a", "memory": 128},
  {"name": "app", "image": "b", "memory": 128}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[1].name"),
        3,
        12,
        &[
            "Container names must be unique within a Task Definition.",
            "containerDefinitions[0]",
        ],
    );
}

#[test]
fn at_most_ten_containers() {
    let containers: Vec<String> = (0..11)
        .map(|i| format!("\n  {{\"name\": \"c{i}\", \"image\": \"x\", \"memory\": 64}}"))
        .collect();
    let text = format!(
        "{{\"family\": \"many\", \"containerDefinitions\": [{}\n]}}",
        containers.join(",")
    );
    let r = rejected(&text);
    assert_at(
        error(&r, "containerDefinitions[10]"),
        12,
        3,
        &["Too many containers.", "at most 10", "has 11"],
    );
    assert_eq!(r.errors.len(), 1);

    let r = rejected("{\"family\": \"none\", \"containerDefinitions\": []}");
    assert_at(
        error(&r, "containerDefinitions"),
        1,
        44,
        &["Container list cannot be empty."],
    );
}

#[test]
fn at_least_one_essential_container() {
    let r = rejected(
        r#"{"family": "web",
 "containerDefinitions": [
  {"name": "a", "image": "x", "memory": 64, "essential": false},
  {"name": "b", "image": "x", "memory": 64, "essential": false}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions"),
        2,
        26,
        &["at least one essential container"],
    );
}

// ---------------------------------------------------------------- memory and cpu

#[test]
fn ec2_containers_need_memory_without_task_memory() {
    let r = rejected(&one_container("      \"cpu\": 128"));
    assert_at(
        error(&r, "containerDefinitions[0]"),
        4,
        5,
        &["Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."],
    );
    // Task-level memory lifts the requirement.
    let td = loads(&one_container("      \"cpu\": 128").replace(
        "\"family\": \"web\",",
        "\"family\": \"web\", \"memory\": \"512\",",
    ));
    assert_eq!(td.memory, Some(512));
    assert_eq!(td.memory_reservation(), 512);
    // So does memoryReservation alone.
    loads(&one_container("      \"memoryReservation\": 128"));
}

#[test]
fn memory_must_be_at_least_memory_reservation() {
    let r = rejected(&one_container(
        "      \"memory\": 128,\n      \"memoryReservation\": 256",
    ));
    assert_eq!(
        error(&r, "containerDefinitions[0].memory").message,
        "128 is less than memoryReservation 256; ECS requires memory to be at least memoryReservation \
         (memory is the hard limit, memoryReservation the soft one)"
    );
    assert_at(error(&r, "containerDefinitions[0].memory"), 7, 17, &[]);
    // Equal values are accepted (see the assumption in rules.rs).
    let td = loads(&one_container(
        "      \"memory\": 256,\n      \"memoryReservation\": 256",
    ));
    assert_eq!(td.container_definitions[0].reserved_memory(), 256);
}

#[test]
fn zero_memory_is_rejected_and_tiny_memory_warned() {
    let r = rejected(&one_container("      \"memory\": 0"));
    assert_at(
        error(&r, "containerDefinitions[0].memory"),
        7,
        17,
        &["non-zero"],
    );
    let r = read(&one_container("      \"memory\": 4"));
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert_at(
        warning(&r, "containerDefinitions[0].memory"),
        7,
        17,
        &["6 MiB"],
    );
}

#[test]
fn container_totals_must_fit_the_task() {
    let r = rejected(
        r#"{"family": "web", "cpu": "256", "memory": "512",
 "containerDefinitions": [
  {"name": "a", "image": "x", "cpu": 200, "memoryReservation": 300},
  {"name": "b", "image": "x", "cpu": 100, "memory": 300}
]}"#,
    );
    assert_at(
        error(&r, "cpu"),
        1,
        26,
        &["The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.", "300", "256"],
    );
    assert_at(
        error(&r, "memory"),
        1,
        43,
        &[
            "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
            "600 MiB",
        ],
    );
    // Totals equal to the task values are fine.
    loads(
        r#"{"family": "web", "cpu": "256", "memory": "512", "containerDefinitions": [
  {"name": "a", "image": "x", "cpu": 256, "memory": 512}]}"#,
    );
}

#[test]
fn container_hard_limit_cannot_exceed_task_memory() {
    let r = rejected(
        r#"{"family": "web", "memory": "512", "containerDefinitions": [
  {"name": "a", "image": "x", "memoryReservation": 128, "memory": 1024}]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].memory"),
        2,
        67,
        &["1024 MiB", "task memory 512 MiB"],
    );
}

#[test]
fn ec2_task_cpu_range() {
    let with_cpu = |cpu: &str| {
        one_container("      \"memory\": 64").replace(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\", \"cpu\": {cpu},"),
        )
    };
    let r = rejected(&with_cpu("\"64\""));
    assert_at(error(&r, "cpu"), 2, 27, &["128 to 196608"]);
    assert_eq!(loads(&with_cpu("\"128\"")).cpu, Some(128));
    assert_eq!(loads(&with_cpu("196608")).cpu, Some(196608));
    rejected(&with_cpu("196609"));
}

// ---------------------------------------------------------------- string units

#[test]
fn task_cpu_and_memory_units() {
    let fargate = |cpu: &str, memory: &str| {
        format!(
            r#"{{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
 "cpu": {cpu}, "memory": {memory},
 "containerDefinitions": [{{"name": "app", "image": "nginx"}}]}}"#
        )
    };
    for (cpu, memory, units, mib) in [
        ("\"1 vCPU\"", "\"2 GB\"", 1024, 2048),
        ("\"1 vcpu\"", "\"2GB\"", 1024, 2048),
        ("\"0.25 vcpu\"", "\"0.5GB\"", 256, 512),
        ("\"1024\"", "\"2048\"", 1024, 2048),
        ("1024", "2048", 1024, 2048),
        ("\"2 vCPU\"", "\"16GB\"", 2048, 16384),
    ] {
        let td = loads(&fargate(cpu, memory));
        assert_eq!(
            (td.cpu, td.memory),
            (Some(units), Some(mib)),
            "{cpu} {memory}"
        );
    }
    let r = rejected(&fargate("\"abc\"", "\"lots\""));
    assert_at(error(&r, "cpu"), 2, 9, &["\"abc\"", "vCPU"]);
    assert_at(error(&r, "memory"), 2, 26, &["\"lots\"", "GB"]);
    assert_eq!(
        r.errors.len(),
        2,
        "a bad value is not also reported as missing:{}",
        all(&r)
    );
    let r = rejected(&fargate("\"0.1 vCPU\"", "1024.5"));
    assert_at(error(&r, "cpu"), 2, 9, &["102.4", "whole number"]);
    assert_at(error(&r, "memory"), 2, 31, &["1024.5", "whole number"]);
    let r = rejected(&fargate("\"256\"", "\"512 MiB\""));
    assert_at(error(&r, "memory"), 2, 26, &["drop the unit"]);
    let r = rejected(&fargate("true", "\"512\""));
    assert_at(
        error(&r, "cpu"),
        2,
        9,
        &["expected CPU units or vCPUs", "boolean"],
    );
}

// ---------------------------------------------------------------- Fargate

fn fargate_def(task_fields: &str) -> String {
    format!(
        "{{\n  \"family\": \"web\",\n  \"requiresCompatibilities\": [\"FARGATE\"],\n{task_fields}\n  \"containerDefinitions\": [{{\"name\": \"app\", \"image\": \"nginx\"}}]\n}}"
    )
}

#[test]
fn fargate_cpu_memory_table() {
    let r = rejected(&fargate_def(
        "  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"4096\",",
    ));
    let d = error(&r, "memory");
    assert_at(
        d,
        6,
        13,
        &[
            "Invalid 'cpu' setting for task.",
            "512, 1024 or 2048 MiB",
            "4096 MiB",
            "goes with cpu 512",
        ],
    );
    assert!(
        d.message.starts_with("Invalid 'cpu' setting for task."),
        "{d}"
    );

    let r = rejected(&fargate_def(
        "  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"300\",\n  \"memory\": \"1024\",",
    ));
    assert_at(
        error(&r, "cpu"),
        5,
        10,
        &[
            "Invalid 'cpu' setting for task.",
            "256",
            "16384",
            "300 is not one of them",
        ],
    );

    let r = rejected(&fargate_def(
        "  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"8 vCPU\",\n  \"memory\": \"18GB\",",
    ));
    assert_at(
        error(&r, "memory"),
        6,
        13,
        &["16384 to 61440 MiB in steps of 4096"],
    );

    for (cpu, memory) in [
        ("256", "512"),
        ("512", "4GB"),
        ("1024", "8GB"),
        ("4096", "30GB"),
        ("16 vCPU", "120GB"),
    ] {
        loads(&fargate_def(&format!(
            "  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"{cpu}\",\n  \"memory\": \"{memory}\","
        )));
    }
}

#[test]
fn fargate_table_applies_even_with_ec2() {
    let text =
        fargate_def("  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"3GB\",")
            .replace("[\"FARGATE\"]", "[\"EC2\", \"FARGATE\"]");
    let r = rejected(&text);
    assert_at(
        error(&r, "memory"),
        6,
        13,
        &["Invalid 'cpu' setting for task."],
    );
}

#[test]
fn fargate_needs_task_cpu_memory_and_awsvpc() {
    let r = rejected(&fargate_def(""));
    assert_at(
        error(&r, "cpu"),
        1,
        1,
        &["Fargate requires that 'cpu' be defined at the task level."],
    );
    assert_at(
        error(&r, "memory"),
        1,
        1,
        &["Fargate requires that 'memory' be defined at the task level."],
    );
    assert_at(
        error(&r, "networkMode"),
        1,
        1,
        &["Fargate only supports network mode 'awsvpc'.", "omitted"],
    );
    assert_eq!(r.errors.len(), 3, "{}", all(&r));

    let r = rejected(&fargate_def(
        "  \"networkMode\": \"bridge\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",",
    ));
    assert_at(
        error(&r, "networkMode"),
        4,
        18,
        &["Fargate only supports network mode 'awsvpc'.", "bridge"],
    );
}

#[test]
fn fargate_rejects_ipc_mode_and_gpus() {
    let r = rejected(
        &fargate_def("  \"networkMode\": \"awsvpc\", \"cpu\": \"256\", \"memory\": \"512\", \"ipcMode\": \"task\",")
            .replace("\"image\": \"nginx\"", "\"image\": \"nginx\", \"resourceRequirements\": [{\"type\": \"GPU\", \"value\": \"1\"}]"),
    );
    assert_at(
        error(&r, "ipcMode"),
        4,
        70,
        &["Tasks using the Fargate launch type do not support ipcMode."],
    );
    error(&r, "containerDefinitions[0].resourceRequirements[0]");
}

// ---------------------------------------------------------------- network modes and ports

fn with_mode(mode: &str, mappings: &str) -> String {
    format!(
        "{{\n  \"family\": \"web\",\n  \"networkMode\": \"{mode}\",\n  \"containerDefinitions\": [{{\n    \"name\": \"app\", \"image\": \"nginx\", \"memory\": 128,\n    \"portMappings\": [\n{mappings}\n    ]\n  }}]\n}}"
    )
}

#[test]
fn none_mode_allows_no_port_mappings() {
    let r = rejected(&with_mode("none", "      {\"containerPort\": 80}"));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings"),
        6,
        21,
        &["networkMode=none", "not allowed"],
    );
    let td = loads(&with_mode("none", ""));
    assert_eq!(td.network_mode, NetworkMode::None);
}

#[test]
fn host_mode_host_port_must_match() {
    let r = rejected(&with_mode(
        "host",
        "      {\"containerPort\": 8080, \"hostPort\": 80}",
    ));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[0].hostPort"),
        7,
        43,
        &["When networkMode=host, the host ports and container ports in port mappings must match.", "8080"],
    );
    let td = loads(&with_mode(
        "host",
        "      {\"containerPort\": 8080, \"hostPort\": 8080},\n      {\"containerPort\": 9090}",
    ));
    assert_eq!(
        td.container_definitions[0].port_mappings[1].static_host_port(NetworkMode::Host),
        Some(9090)
    );
}

#[test]
fn awsvpc_host_port_must_match() {
    let r = rejected(&with_mode(
        "awsvpc",
        "      {\"containerPort\": 8080, \"hostPort\": 80}",
    ));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[0].hostPort"),
        7,
        43,
        &["When networkMode=awsvpc, the host ports and container ports in port mappings must match."],
    );
    loads(&with_mode(
        "awsvpc",
        "      {\"containerPort\": 8080, \"hostPort\": 8080},\n      {\"containerPort\": 9090}",
    ));
}

#[test]
fn bridge_mode_takes_any_host_port_and_dynamic_ones() {
    let td = loads(&with_mode(
        "bridge",
        "      {\"containerPort\": 8080, \"hostPort\": 80},\n      {\"containerPort\": 9090, \"hostPort\": 0},\n      {\"containerPort\": 9091}",
    ));
    let pm = &td.container_definitions[0].port_mappings;
    assert_eq!(pm[0].static_host_port(NetworkMode::Bridge), Some(80));
    assert_eq!(
        pm[1].static_host_port(NetworkMode::Bridge),
        None,
        "0 is dynamic"
    );
    assert_eq!(
        pm[2].static_host_port(NetworkMode::Bridge),
        None,
        "omitted is dynamic"
    );
}

#[test]
fn one_protocol_per_container_port() {
    let r = rejected(&with_mode(
        "bridge",
        "      {\"containerPort\": 53, \"protocol\": \"tcp\"},\n      {\"containerPort\": 53, \"protocol\": \"udp\"}",
    ));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[1].protocol"),
        8,
        41,
        &[
            "You can't expose the same container port for multiple protocols.",
            "53",
        ],
    );
}

#[test]
fn a_host_port_is_used_once_per_task() {
    let r = rejected(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "a", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 8080}]},
  {"name": "b", "image": "x", "memory": 64, "portMappings": [{"containerPort": 81, "hostPort": 8080}]}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[1].portMappings[0].hostPort"),
        3,
        96,
        &["host port 8080/tcp is already mapped by containerDefinitions[0].portMappings[0]"],
    );
    // Dynamic ports never clash; tcp and udp are separate.
    loads(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "a", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80}, {"containerPort": 53, "hostPort": 53}]},
  {"name": "b", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80}, {"containerPort": 54, "hostPort": 53, "protocol": "udp"}]}
]}"#,
    );
    // In awsvpc every container shares one interface: the same containerPort twice clashes.
    let r = rejected(
        r#"{"family": "web", "networkMode": "awsvpc", "containerDefinitions": [
  {"name": "a", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80}]},
  {"name": "b", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80}]}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[1].portMappings[0].containerPort"),
        3,
        80,
        &["port 80/tcp", "awsvpc"],
    );
}

#[test]
fn port_ranges_and_protocols() {
    let r = rejected(&with_mode(
        "bridge",
        "      {\"containerPort\": 0},\n      {\"containerPort\": 65536},\n      {\"containerPort\": 80, \"hostPort\": 70000},\n      {\"containerPort\": 81, \"protocol\": \"TCP\"},\n      {\"hostPort\": 82}",
    ));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[0].containerPort"),
        7,
        25,
        &[
            "Invalid 'containerPort' setting for container 'app'.",
            "1 to 65535",
        ],
    );
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[1].containerPort"),
        8,
        25,
        &["65536"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[2].hostPort"),
        9,
        41,
        &["70000", "0 to 65535"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[3].protocol"),
        10,
        41,
        &["\"TCP\"", "did you mean \"tcp\"?"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[4].containerPort"),
        11,
        7,
        &["needs a containerPort"],
    );
    assert_eq!(r.errors.len(), 5, "{}", all(&r));
}

#[test]
fn reserved_host_ports_are_warned_about() {
    let r = read(&with_mode(
        "bridge",
        "      {\"containerPort\": 22, \"hostPort\": 22}",
    ));
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert_at(
        warning(&r, "containerDefinitions[0].portMappings[0].hostPort"),
        7,
        41,
        &["reserved", "SSH"],
    );
}

#[test]
fn network_mode_enum() {
    let r = rejected(&with_mode("bridged", ""));
    assert_at(
        error(&r, "networkMode"),
        3,
        18,
        &[
            "\"bridged\"",
            "did you mean \"bridge\"?",
            "bridge, host, awsvpc or none",
        ],
    );
}

#[test]
fn requires_compatibilities_enum() {
    let text = |compat: &str| {
        one_container("      \"memory\": 64").replace(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\", \"requiresCompatibilities\": [{compat}],"),
        )
    };
    let r = rejected(&text("\"fargate\""));
    assert_at(
        error(&r, "requiresCompatibilities[0]"),
        2,
        48,
        &["did you mean \"FARGATE\"?", "MANAGED_INSTANCES"],
    );
    let td = loads(&text("\"EC2\", \"EXTERNAL\", \"MANAGED_INSTANCES\""));
    assert_eq!(
        td.requires_compatibilities,
        vec!["EC2", "EXTERNAL", "MANAGED_INSTANCES"]
    );
}

// ---------------------------------------------------------------- links, dependsOn, constraints

#[test]
fn links_only_in_bridge_mode_and_to_known_containers() {
    let td = loads(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "links": ["db:database"]},
  {"name": "db", "image": "y", "memory": 64}
]}"#,
    );
    assert_eq!(td.container_definitions[0].links, vec!["db:database"]);

    let r = rejected(
        r#"{"family": "web", "networkMode": "awsvpc", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "links": ["db"]},
  {"name": "db", "image": "y", "memory": 64}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].links"),
        2,
        56,
        &["Links are not supported when networkMode=awsvpc."],
    );

    let r = rejected(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "links": ["cache", "app"]}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].links[0]"),
        2,
        57,
        &["'cache'", "not in this task definition", "app"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].links[1]"),
        2,
        66,
        &["links to itself"],
    );
}

#[test]
fn depends_on_rules() {
    let r = rejected(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}, {"containerName": "ghost", "condition": "START"}]},
  {"name": "init", "image": "y", "memory": 64}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].dependsOn[0].condition"),
        2,
        100,
        &["A dependency container with SUCCESS or COMPLETE condition cannot be an essential container."],
    );
    assert_at(
        error(&r, "containerDefinitions[0].dependsOn[1].containerName"),
        2,
        130,
        &["'ghost'"],
    );
    loads(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "dependsOn": [{"containerName": "init", "condition": "COMPLETE"}]},
  {"name": "init", "image": "y", "memory": 64, "essential": false}
]}"#,
    );
}

#[test]
fn placement_constraints_member_of_only() {
    let text = |constraints: &str| {
        one_container("      \"memory\": 64").replace(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\",\n  \"placementConstraints\": [{constraints}],"),
        )
    };
    let td = loads(&text(
        r#"{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t2.*"}"#,
    ));
    assert_eq!(
        td.placement_constraints[0].expression,
        "attribute:ecs.instance-type =~ t2.*"
    );

    let r = rejected(&text(r#"{"type": "distinctInstance"}"#));
    assert_at(
        error(&r, "placementConstraints[0].type"),
        3,
        37,
        &["distinctInstance is not supported in task definitions"],
    );

    let r = rejected(&text(r#"{"type": "memberof", "expression": "a"}"#));
    assert_at(
        error(&r, "placementConstraints[0].type"),
        3,
        37,
        &["did you mean \"memberOf\"?"],
    );

    let eleven = [r#"{"type": "memberOf", "expression": "attribute:a == b"}"#; 11].join(", ");
    let r = rejected(&text(&eleven));
    let d = error(&r, "placementConstraints[10]");
    assert!(d.message.contains("maximum of 10 constraints"), "{d}");
}

#[test]
fn hostname_is_refused_in_awsvpc() {
    let r = rejected(&with_mode("awsvpc", "").replace(
        "\"memory\": 128,",
        "\"memory\": 128, \"hostname\": \"web\",",
    ));
    assert_at(
        error(&r, "containerDefinitions[0].hostname"),
        5,
        65,
        &["hostname is not supported on container when networkMode=awsvpc."],
    );
}

// ---------------------------------------------------------------- types

#[test]
fn wrong_json_types_say_what_ecs_expects() {
    let r = rejected(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64,
   "cpu": "abc",
   "essential": "yes",
   "portMappings": {"containerPort": 80},
   "memoryReservation": "32",
   "environment": "A=1"}
]}"#,
    );
    assert_at(
        error(&r, "containerDefinitions[0].cpu"),
        3,
        11,
        &["expected a whole number", "the string \"abc\""],
    );
    assert_at(
        error(&r, "containerDefinitions[0].essential"),
        4,
        17,
        &["expected a boolean"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].portMappings"),
        5,
        20,
        &["expected an array", "got an object"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].memoryReservation"),
        6,
        25,
        &["write 32 without quotes"],
    );
    assert_at(
        error(&r, "containerDefinitions[0].environment"),
        7,
        19,
        &["expected an array"],
    );
    assert_eq!(r.errors.len(), 5, "every error is reported:{}", all(&r));

    let r = rejected(r#"{"family": 7, "containerDefinitions": {"name": "app"}}"#);
    assert_at(
        error(&r, "family"),
        1,
        12,
        &["expected a string", "the number 7"],
    );
    assert_at(
        error(&r, "containerDefinitions"),
        1,
        39,
        &["expected an array"],
    );
}

// ---------------------------------------------------------------- unknown fields

#[test]
fn unknown_fields_warn_with_suggestions() {
    let r = read(
        r#"{"family": "web", "famly": "x", "Volumes": [],
 "containerDefinitions": [{"name": "app", "imgae": "nginx", "image": "nginx", "memory": 64, "gpu": 1, "networkMode": "host", "bogusField": 1}],
 "image": "nginx"}"#,
    );
    assert!(
        r.errors.is_empty(),
        "unknown fields are warnings only:{}",
        all(&r)
    );
    assert!(r.task_definition.is_some());
    assert_at(
        warning(&r, "famly"),
        1,
        19,
        &["unknown field \"famly\"", "did you mean \"family\"?"],
    );
    assert_at(
        warning(&r, "Volumes"),
        1,
        33,
        &["did you mean \"volumes\"?"],
    );
    assert_at(
        warning(&r, "containerDefinitions[0].imgae"),
        2,
        43,
        &["did you mean \"image\"?"],
    );
    assert_at(
        warning(&r, "containerDefinitions[0].gpu"),
        2,
        93,
        &["resourceRequirements"],
    );
    assert_at(
        warning(&r, "containerDefinitions[0].networkMode"),
        2,
        103,
        &["task-level field"],
    );
    let bogus = warning(&r, "containerDefinitions[0].bogusField");
    assert!(!bogus.message.contains("did you mean"), "{bogus}");
    assert_at(warning(&r, "image"), 3, 2, &["container field"]);
}

#[test]
fn duplicate_keys_warn_and_the_last_wins() {
    let r = read(&one_container("      \"memory\": 64").replace(
        "\"family\": \"web\",",
        "\"family\": \"first\", \"family\": \"web\",",
    ));
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert_at(
        warning(&r, "family"),
        2,
        22,
        &["more than once", "last value"],
    );
    assert_eq!(r.task_definition.map(|t| t.family).as_deref(), Some("web"));
}

// ---------------------------------------------------------------- describe output

const DESCRIBED: &str = r#"{
    "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
    "family": "web",
    "revision": 7,
    "status": "ACTIVE",
    "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
    "compatibilities": ["EC2"],
    "registeredAt": "2024-01-01T00:00:00.000Z",
    "registeredBy": "arn:aws:iam::123456789012:root",
    "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]
}"#;

#[test]
fn describe_output_loads_with_a_warning_per_read_only_field() {
    let r = read(DESCRIBED);
    assert!(r.errors.is_empty(), "{}", all(&r));
    let td = r.task_definition.as_ref().expect("loads");
    assert_eq!(td.revision, 7, "describe's revision is kept");
    assert_eq!(td.family_revision(), "web:7");
    for (path, line) in [
        ("taskDefinitionArn", 2),
        ("revision", 4),
        ("status", 5),
        ("requiresAttributes", 6),
        ("compatibilities", 7),
        ("registeredAt", 8),
        ("registeredBy", 9),
    ] {
        assert_at(
            warning(&r, path),
            line,
            5,
            &["read-only", "RegisterTaskDefinition would not accept it"],
        );
    }
    assert_eq!(r.warnings.len(), 7, "{}", all(&r));
}

#[test]
fn wrapped_describe_response_loads() {
    let text = format!("{{\"taskDefinition\": {DESCRIBED},\n \"tags\": [{{\"key\": \"team\", \"value\": \"web\"}}]}}");
    let r = read(&text);
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert_eq!(r.task_definition.as_ref().map(|t| t.revision), Some(7));
    assert_at(warning(&r, "taskDefinition.revision"), 4, 5, &["read-only"]);
    assert_eq!(r.warnings.len(), 7);

    let r = rejected("{\"taskDefinition\": {\"family\": \"web\"},\n \"tags\": [{\"key\": \"aws:team\"}], \"ResponseMetadata\": {}}");
    assert_at(
        error(&r, "taskDefinition.containerDefinitions"),
        1,
        20,
        &["required"],
    );
    assert_at(
        error(&r, "tags[0].key"),
        2,
        19,
        &["aws: prefix is reserved"],
    );
    assert_at(warning(&r, "ResponseMetadata"), 2, 33, &["unknown field"]);
}

#[test]
fn describe_revision_defaults_to_one() {
    assert_eq!(loads(&one_container("      \"memory\": 64")).revision, 1);
}

// ---------------------------------------------------------------- embedded definitions

#[test]
fn definition_inside_a_larger_document_uses_its_paths_and_positions() {
    let doc = r#"{
  "name": "scenario",
  "taskDefinitions": [
    {"family": "ok", "containerDefinitions": [{"name": "a", "image": "x", "memory": 64}]},
    {
      "family": "bad",
      "containerDefinitions": [{"name": "a", "image": "x", "memory": 64, "memoryReservation": 128}],
      "famly": 1
    }
  ]
}"#;
    let json = parse(doc).expect("valid JSON");
    let index = LineIndex::new(doc);
    let defs = json.get("taskDefinitions").expect("present").elements();

    let ok = read_task_definition_json(&defs[0], &index, "taskDefinitions[0]");
    assert!(
        ok.errors.is_empty() && ok.warnings.is_empty(),
        "{}",
        all(&ok)
    );
    assert_eq!(ok.task_definition.map(|t| t.family).as_deref(), Some("ok"));

    let bad = read_task_definition_json(&defs[1], &index, "taskDefinitions[1]");
    assert!(bad.task_definition.is_none());
    assert_at(
        error(&bad, "taskDefinitions[1].containerDefinitions[0].memory"),
        7,
        70,
        &["less than memoryReservation 128"],
    );
    assert_at(
        warning(&bad, "taskDefinitions[1].famly"),
        8,
        7,
        &["did you mean \"family\"?"],
    );
}

// ---------------------------------------------------------------- robustness

#[test]
fn collects_every_error() {
    let r = rejected(
        r#"{"family": "a b", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
 "containerDefinitions": [
  {"name": "x", "image": "", "links": ["y"]},
  {"name": "x", "image": "i", "portMappings": [{"containerPort": 80, "hostPort": 81}]}
 ],
 "placementConstraints": [{"type": "distinctInstance"}]}"#,
    );
    let paths: Vec<&str> = r.errors.iter().map(|d| d.path.as_str()).collect();
    for p in [
        "family",
        "cpu",
        "memory",
        "containerDefinitions[0].image",
        "containerDefinitions[0].links",
        "containerDefinitions[0].links[0]",
        "containerDefinitions[1].name",
        "containerDefinitions[1].portMappings[0].hostPort",
        "placementConstraints[0].type",
    ] {
        assert!(paths.contains(&p), "no error at {p}:{}", all(&r));
    }
    // Sorted by position.
    let positions: Vec<(u32, u32)> = r.errors.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn truncations_and_mutations_never_panic() {
    let base = DESCRIBED.replace(
        "\"memory\": 128}",
        "\"memory\": 128, \"portMappings\": [{\"containerPort\": 80, \"hostPort\": 0, \"protocol\": \"udp\"}], \"links\": [\"a:b\"], \"dependsOn\": [{\"containerName\": \"app\", \"condition\": \"HEALTHY\"}], \"resourceRequirements\": [{\"type\": \"GPU\", \"value\": \"ALL\"}]}",
    );
    let chars: Vec<(usize, char)> = base.char_indices().collect();
    for (i, _) in &chars {
        let r = read(&base[..*i]);
        for d in r.errors.iter().chain(&r.warnings) {
            assert!(d.line >= 1 && d.column >= 1 && !d.message.is_empty(), "{d}");
        }
    }
    // Replace each value-ish token with other JSON types.
    let replacements = [
        "null",
        "true",
        "-1",
        "1e999",
        "\"\"",
        "[]",
        "{}",
        "[[1]]",
        "\"\u{1F600}\"",
        "99999999999999999999",
    ];
    for needle in [
        "7",
        "\"web\"",
        "128",
        "80",
        "0",
        "\"udp\"",
        "\"EC2\"",
        "[\"a:b\"]",
        "\"HEALTHY\"",
        "\"ALL\"",
        "\"GPU\"",
        "\"app\"",
    ] {
        for rep in replacements {
            let text = base.replacen(needle, rep, 1);
            let r = read(&text);
            for d in r.errors.iter().chain(&r.warnings) {
                assert!(d.line >= 1 && d.column >= 1 && !d.message.is_empty(), "{d}");
            }
            assert_eq!(r.task_definition.is_some(), r.errors.is_empty(), "{text}");
        }
    }
}

#[test]
fn huge_inputs_stay_fast_and_messages_stay_short() {
    let long = "k".repeat(200_000);
    let mut text = format!("{{\"family\": \"web\", \"{long}\": 1, \"{long}\": 2");
    for i in 0..20_000 {
        text.push_str(&format!(",\n \"x{i}\": {i}"));
    }
    text.push_str(", \"containerDefinitions\": [");
    let containers: Vec<String> = (0..5_000)
        .map(|i| {
            format!(
                "{{\"name\": \"c{i}{long_name}\", \"image\": \"x\", \"memory\": 64, \"links\": [\"missing{i}\"], \"dependsOn\": [{{\"containerName\": \"gone\", \"condition\": \"START\"}}]}}",
                long_name = if i == 0 { "n".repeat(1000) } else { String::new() }
            )
        })
        .collect();
    // One per line: LineIndex counts a column from the start of its line, so thousands of
    // messages on one huge line would be slow for that reason alone.
    text.push_str(&containers.join(",\n"));
    text.push_str("]}");
    let started = std::time::Instant::now();
    let parsed = parse(&text).expect("valid JSON");
    let parse_time = started.elapsed();
    let index = LineIndex::new(&text);
    let _ = read_task_definition_json(&parsed, &index, "");
    println!(
        "parse {parse_time:?}, read {:?}",
        started.elapsed() - parse_time
    );
    let started = std::time::Instant::now();
    let r = read(&text);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
    assert!(r.errors.len() >= 10_000, "{}", r.errors.len());
    assert!(r.warnings.len() >= 20_000, "{}", r.warnings.len());
    for d in r.errors.iter().chain(&r.warnings) {
        assert!(
            d.message.len() < 2_000,
            "{} characters: {}...",
            d.message.len(),
            &d.message[..200]
        );
    }
    assert_at(
        error(&r, "containerDefinitions[10]"),
        20011,
        r.errors
            .iter()
            .find(|d| d.path == "containerDefinitions[10]")
            .map_or(0, |d| d.column),
        &["Too many containers.", "5000"],
    );
}

#[test]
fn unit_overflow_is_an_error_not_a_crash() {
    let text = |cpu: &str| {
        one_container("      \"memory\": 64").replace(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\", \"cpu\": \"{cpu}\","),
        )
    };
    for cpu in [
        "999999999.999999999 vCPU",
        "99999999999999999999999",
        "4294967296",
        "1e10 vcpu",
        "..5 vcpu",
        ".",
    ] {
        let r = rejected(&text(cpu));
        assert_eq!(error(&r, "cpu").line, 2, "{cpu}");
    }
}

#[test]
fn windows_on_fargate_needs_one_vcpu_or_more() {
    let text = |cpu: &str, memory: &str| {
        format!(
            r#"{{"family": "win", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "{cpu}", "memory": "{memory}",
 "runtimePlatform": {{"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"}},
 "containerDefinitions": [{{"name": "app", "image": "mcr.microsoft.com/windows/servercore"}}]}}"#
        )
    };
    let r = rejected(&text("512", "1024"));
    assert_at(
        error(&r, "cpu"),
        1,
        91,
        &["Invalid 'cpu' setting for task.", "Windows"],
    );
    loads(&text("1024", "2048"));
    let r = rejected(&text("1024", "2048").replace("WINDOWS_SERVER_2022_CORE", "WINDOWS_2022"));
    assert!(error(&r, "runtimePlatform.operatingSystemFamily")
        .message
        .contains("WINDOWS_SERVER_2022_CORE"));
}

#[test]
fn ephemeral_storage_range() {
    let text = |size: &str| {
        one_container("      \"memory\": 64").replace(
            "\"family\": \"web\",",
            &format!("\"family\": \"web\", \"ephemeralStorage\": {{\"sizeInGiB\": {size}}},"),
        )
    };
    loads(&text("21"));
    loads(&text("200"));
    let r = rejected(&text("20"));
    assert_at(
        error(&r, "ephemeralStorage.sizeInGiB"),
        2,
        54,
        &["minimum supported value is 21 GiB"],
    );
}

#[test]
fn container_port_ranges() {
    let r = read(&with_mode(
        "awsvpc",
        "      {\"containerPortRange\": \"8000-8010\"}",
    ));
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert!(r.warnings.is_empty(), "{}", all(&r));
    let mapping = &r.task_definition.expect("loads").container_definitions[0].port_mappings[0];
    assert_eq!(mapping.container_port_range, Some((8000, 8010)));
    assert_eq!(
        (mapping.container_port, mapping.range_len()),
        (8000, Some(11))
    );

    let r = rejected(&with_mode("host", "      {\"containerPortRange\": \"8000-8010\", \"hostPort\": 8000},\n      {\"containerPortRange\": \"9-3\"}"));
    assert_at(
        error(&r, "containerDefinitions[0].portMappings[0].hostPort"),
        7,
        55,
        &["leave hostPort out"],
    );
    assert_at(
        error(
            &r,
            "containerDefinitions[0].portMappings[0].containerPortRange",
        ),
        7,
        30,
        &["bridge or awsvpc"],
    );
    assert_at(
        error(
            &r,
            "containerDefinitions[0].portMappings[1].containerPortRange",
        ),
        8,
        30,
        &["must be less than"],
    );
}

#[test]
fn healthy_dependency_without_health_check_is_a_warning() {
    let r = read(
        r#"{"family": "web", "containerDefinitions": [
  {"name": "app", "image": "x", "memory": 64, "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]},
  {"name": "db", "image": "y", "memory": 64}
]}"#,
    );
    assert!(r.errors.is_empty(), "{}", all(&r));
    assert_at(
        warning(&r, "containerDefinitions[0].dependsOn[0].condition"),
        2,
        98,
        &["health checks", "'db'"],
    );
}
