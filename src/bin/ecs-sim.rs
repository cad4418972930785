//! `ecs-sim`: the engine on the command line.
//!
//! ecs-sim run [--no-trace] FILE|-      carry out a scenario, print ECS-shaped JSON
//! ecs-sim validate [--json] FILE|-     check one task definition
//!
//! Exit codes: run: 0 when the scenario ran (failed requests are data), 2 when the file is
//! malformed. validate: 0 valid, 1 invalid. Usage errors: 2.

use std::io::Read;
use std::process::ExitCode;

use ecs_playground::sim::{scenario, taskdef};

const USAGE: &str = "usage:\n  ecs-sim run [--no-trace] FILE|-\n  ecs-sim validate [--json] FILE|-";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (flags, rest): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.starts_with("--"));
    let flag = |name: &str| flags.iter().any(|f| f.as_str() == name);
    match rest.as_slice() {
        [cmd, file]
            if cmd.as_str() == "run" && flags.iter().all(|f| f.as_str() == "--no-trace") =>
        {
            run(file, !flag("--no-trace"))
        }
        [cmd, file]
            if cmd.as_str() == "validate" && flags.iter().all(|f| f.as_str() == "--json") =>
        {
            validate(file, flag("--json"))
        }
        _ if flag("--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}

fn run(file: &str, trace: bool) -> ExitCode {
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ecs-sim: {e}");
            return ExitCode::from(2);
        }
    };
    match scenario::read(&text) {
        Ok(s) => {
            for w in &s.warnings {
                eprintln!("{file}:{w} (warning)");
            }
            let out = scenario::run(&s, trace);
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{file}:{e}");
            }
            ExitCode::from(2)
        }
    }
}

fn validate(file: &str, as_json: bool) -> ExitCode {
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ecs-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let report = taskdef::read_task_definition(&text);
    let valid = report.errors.is_empty();
    if as_json {
        let out = serde_json::json!({"valid": valid, "errors": report.errors, "warnings": report.warnings});
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for e in &report.errors {
            println!("error: {e}");
        }
        for w in &report.warnings {
            println!("warning: {w}");
        }
        if valid {
            println!("valid");
        }
    }
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
