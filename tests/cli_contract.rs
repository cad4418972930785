//! The `ecs-sim` contract that tools outside the repository rely on: commands, exit codes,
//! output names and shapes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn ecs_sim(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ecs-sim starts");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn scenario_path() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/three-azs-spread.json"
    )
    .to_string()
}

#[test]
fn run_prints_responses_and_state() {
    let out = ecs_sim(&["run", &scenario_path()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object on stdout");
    let responses = v["responses"].as_array().unwrap();
    assert_eq!(responses.len(), 5, "one response per request");

    // 1: six tasks spread over three AZs, two each, with dynamic host ports.
    let r = &responses[0]["RunTask"];
    let tasks = r["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 6);
    for az in ["us-east-1a", "us-east-1b", "us-east-1c"] {
        assert_eq!(
            tasks.iter().filter(|t| t["availabilityZone"] == az).count(),
            2,
            "{az}"
        );
    }
    for t in tasks {
        for key in [
            "taskArn",
            "group",
            "ec2InstanceId",
            "containerInstanceArn",
            "availabilityZone",
            "lastStatus",
        ] {
            assert!(t.get(key).is_some(), "task lacks {key}");
        }
        let b = &t["containers"][0]["networkBindings"][0];
        assert_eq!(b["containerPort"], 80);
        assert_eq!(b["protocol"], "tcp");
        assert!(b["hostPort"].as_u64().unwrap() >= 32768);
    }
    assert_eq!(tasks[0]["group"], "family:web");
    assert!(
        r["trace"].as_array().unwrap().len() == 6,
        "a trace entry per task"
    );
    assert_eq!(r["failures"].as_array().unwrap().len(), 0);

    // 2: static port 8080 with memberOf stack == prod: two prod instances, third task fails.
    // The closest match is the instance that got furthest through ECS's steps: i-3 has the
    // resources (step 1) but is not prod (step 2); i-1 and i-2 fail step 1 on the port.
    let r = &responses[1]["RunTask"];
    assert_eq!(r["tasks"].as_array().unwrap().len(), 2);
    let f = &r["failures"][0];
    assert_eq!(
        f["reason"], "MemberOf placement constraint unsatisfied.",
        "{f}"
    );
    assert!(f["arn"].as_str().unwrap().contains("container-instance"));
    let why_not_i1 = &r["trace"][2]["instances"][0];
    assert_eq!(why_not_i1["ec2InstanceId"], "i-1");
    assert!(why_not_i1["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "ports" && c["ok"] == false));
    assert_eq!(why_not_i1["constraints"][0]["ok"], true);

    // 3: count 11 is an error, as ECS says.
    assert_eq!(responses[2]["error"]["code"], "InvalidParameterException");

    // 5: i-1 is draining: new tasks avoid it.
    let r = &responses[4]["RunTask"];
    assert!(r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["ec2InstanceId"] != "i-1"));

    let instances = v["state"]["containerInstances"].as_array().unwrap();
    assert_eq!(instances.len(), 3);
    let i3 = instances
        .iter()
        .find(|i| i["ec2InstanceId"] == "i-3")
        .unwrap();
    assert_eq!(i3["remainingResources"]["memory"], 3000 - 2 * 512 - 512);
    assert_eq!(i3["remainingResources"]["cpu"], 2048 - 3 * 256);
    assert_eq!(i3["runningTasksCount"], 3);
}

#[test]
fn no_trace_leaves_the_trace_out_and_stdin_works() {
    let text = std::fs::read_to_string(scenario_path()).unwrap();
    let out = ecs_sim(&["run", "--no-trace", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["responses"][0]["RunTask"].get("trace").is_none());
    // Same seed, same decisions with or without the trace.
    let with: Value =
        serde_json::from_slice(&ecs_sim(&["run", &scenario_path()], None).stdout).unwrap();
    assert_eq!(with["state"], v["state"]);
}

#[test]
fn malformed_scenario_exits_2_with_a_position() {
    let out = ecs_sim(
        &["run", "-"],
        Some("{\n  \"seed\": 1,\n  \"requests\": [\n    {\"RunTask\": {}},\n  ]\n}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("-:5:3") || err.contains(":4:"),
        "positioned: {err}"
    );
    let out = ecs_sim(
        &["run", "-"],
        Some(
            r#"{"containerInstances": [{"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "instanceType": "m9.huge"}]}"#,
        ),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("containerInstances[0]"));
    let out = ecs_sim(&["run", "-"], Some(r#"{"requests": [{"Launch": {}}]}"#));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown request 'Launch'"));
}

#[test]
fn validate_exit_codes_and_json() {
    let good = r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx", "memory": 128}]}"#;
    let out = ecs_sim(&["validate", "-"], Some(good));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let bad = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"nginx\"}]\n}";
    let out = ecs_sim(&["validate", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
        "one error per line"
    );

    let out = ecs_sim(&["validate", "--json", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    let e = &v["errors"][0];
    for key in ["path", "message", "line", "column"] {
        assert!(e.get(key).is_some(), "error lacks {key}: {e}");
    }
    assert_eq!(e["line"], 3);
    assert!(v["warnings"].is_array());
}

/// A service request answers with the decisions its scheduler made at once (an addition to
/// the contract, like RunTask's `trace`), each naming the task it started; `--no-trace`
/// leaves them out.
#[test]
fn a_service_request_carries_the_trace_of_the_tasks_it_placed() {
    let scenario = r#"{
        "seed": 1,
        "availabilityZones": ["us-east-1a", "us-east-1b"],
        "containerInstances": [
            {"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "instanceType": "m5.large"},
            {"ec2InstanceId": "i-2", "availabilityZone": "us-east-1b", "instanceType": "m5.large"}
        ],
        "taskDefinitions": [{"family": "web", "containerDefinitions": [
            {"name": "web", "image": "nginx", "cpu": 256, "memory": 512}]}],
        "requests": [
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 4,
                "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]}},
            {"UpdateService": {"service": "web", "desiredCount": 4}}
        ]
    }"#;
    let out = ecs_sim(&["run", "-"], Some(scenario));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let trace = r["responses"][0]["CreateService"]["trace"]
        .as_array()
        .expect("CreateService has a trace");
    assert_eq!(trace.len(), 4);
    let chosen: Vec<&str> = trace
        .iter()
        .map(|t| t["chosen"].as_str().unwrap())
        .collect();
    assert_eq!(
        chosen.iter().filter(|c| **c == "i-1").count(),
        2,
        "{chosen:?}"
    );
    assert_eq!(
        chosen.iter().filter(|c| **c == "i-2").count(),
        2,
        "{chosen:?}"
    );
    // The service event lists the tasks it started: "(task <id>)" for each.
    let events = r["state"]["services"][0]["events"].to_string();
    for t in trace {
        assert_eq!(t["group"], "service:web");
        let arn = t["taskArn"].as_str().expect("each decision names its task");
        let id = arn.rsplit('/').next().unwrap();
        assert!(arn.contains(":task/default/"), "{arn}");
        assert!(events.contains(&format!("(task {id})")), "{id} in {events}");
    }
    // Nothing placed by the update (the count did not change): an empty trace.
    assert_eq!(
        r["responses"][1]["UpdateService"]["trace"],
        serde_json::json!([])
    );

    let out = ecs_sim(&["run", "--no-trace", "-"], Some(scenario));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(r["responses"][0]["CreateService"].get("trace").is_none());
}
