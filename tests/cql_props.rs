//! Property tests for the Cluster Query Language: the parser never panics (any text,
//! including unicode and CQL-shaped noise), errors point inside the text, and the Display
//! rendering of a parsed expression reads back as an equivalent expression.

use ecs_playground::sim::cql::{parse, CqlSubject};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;

#[derive(Clone, Debug)]
struct Inst {
    attrs: Vec<(&'static str, &'static str)>,
    id: &'static str,
    connected: bool,
    version: &'static str,
    registered: &'static str,
    groups: Vec<&'static str>,
}

impl CqlSubject for Inst {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
    fn ec2_instance_id(&self) -> &str {
        self.id
    }
    fn agent_connected(&self) -> bool {
        self.connected
    }
    fn agent_version(&self) -> &str {
        self.version
    }
    fn registered_at(&self) -> &str {
        self.registered
    }
    fn running_tasks_count(&self) -> u32 {
        self.groups.len() as u32
    }
    fn task_groups(&self) -> Vec<&str> {
        self.groups.clone()
    }
}

const NAMES: [&str; 4] = ["stack", "ecs.instance-type", "cores", "team"];
const VALUES: [&str; 9] = [
    "prod",
    "dev",
    "t2.small",
    "m5.large",
    "16",
    "4",
    "data science",
    "it's",
    "web",
];

fn config() -> Config {
    // No regression files: this suite must not write into the source tree.
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

fn instance() -> impl Strategy<Value = Inst> {
    (
        vec(
            (
                prop::sample::select(&NAMES[..]),
                prop::sample::select(&VALUES[..]),
            ),
            0..4,
        ),
        prop::sample::select(vec!["i-abcd1234", "i-wxyx7890", "i-0"]),
        any::<bool>(),
        prop::sample::select(vec!["1.14.5", "1.9.0", "1.20.0", "v1.14.5", "garbage", ""]),
        prop::sample::select(vec![
            "2018-02-13T00:00:00Z",
            "2018-02-12T23:59:59Z",
            "2018-06-18T22:28:28+02:00",
            "2020-01-01T00:00:00.25Z",
            "not a date",
        ]),
        vec(
            prop::sample::select(vec![
                "web",
                "database",
                "service:production",
                "data science",
            ]),
            0..4,
        ),
    )
        .prop_map(|(attrs, id, connected, version, registered, groups)| Inst {
            attrs,
            id,
            connected,
            version,
            registered,
            groups,
        })
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(options).prop_map(str::to_string)
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "prod",
            "t2.small",
            "'data science'",
            "\"it's\"",
            "16",
            "4",
            "''",
            "service:production",
            "'web'"
        ]),
        "[a-z0-9.:-]{1,8}",
    ]
}

fn list() -> impl Strategy<Value = String> {
    vec(value(), 1..4).prop_map(|v| format!("[{}]", v.join(", ")))
}

fn regex() -> impl Strategy<Value = String> {
    pick(&[
        "t2.*",
        "(t2|m5).*",
        "'.* .*'",
        "[a-z]+",
        "pr.d",
        "'(?i)PROD'",
        "\\d+",
        "w.b|db",
    ])
}

const COMPARE: &[&str] = &[
    "==",
    "equals",
    "!=",
    "not_equals",
    ">",
    "greater_than",
    ">=",
    "greater_than_equal",
    "<",
    "less_than",
    "<=",
    "less_than_equal",
];
const EQUALITY: &[&str] = &["==", "equals", "!=", "not_equals"];
const EXISTS: &[&str] = &["exists", "!exists", "not_exists"];
const IN: &[&str] = &["in", "!in", "not_in"];
const MATCH: &[&str] = &["=~", "matches", "!~", "not_matches"];

/// One valid condition, covering every subject and every operator form.
fn condition() -> impl Strategy<Value = String> {
    let name = || pick(&NAMES);
    prop_oneof![
        (name(), pick(COMPARE), value()).prop_map(|(n, o, v)| format!("attribute:{n} {o} {v}")),
        (name(), pick(EXISTS)).prop_map(|(n, o)| format!("attribute:{n} {o}")),
        (name(), pick(IN), list()).prop_map(|(n, o, l)| format!("attribute:{n} {o} {l}")),
        (name(), pick(MATCH), regex()).prop_map(|(n, o, r)| format!("attribute:{n} {o} {r}")),
        (pick(EQUALITY), value()).prop_map(|(o, v)| format!("task:group {o} {v}")),
        (pick(IN), list()).prop_map(|(o, l)| format!("task:group {o} {l}")),
        (pick(MATCH), regex()).prop_map(|(o, r)| format!("task:group {o} {r}")),
        pick(EXISTS).prop_map(|o| format!("task:group {o}")),
        (pick(COMPARE), 0u32..5).prop_map(|(o, n)| format!("runningTasksCount {o} {n}")),
        (
            pick(COMPARE),
            pick(&["1.14.5", "1.9", "v1.20.0", "'1.14.5.0'"])
        )
            .prop_map(|(o, v)| format!("agentVersion {o} {v}")),
        (
            pick(COMPARE),
            pick(&[
                "2018-02-13",
                "2018-06-18T22:28:28",
                "2018-06-18T22:28:28Z",
                "'2018-06-18T20:28:28+00:00'"
            ])
        )
            .prop_map(|(o, v)| format!("registeredAt {o} {v}")),
        (pick(EQUALITY), pick(&["true", "false"]))
            .prop_map(|(o, v)| format!("agentConnected {o} {v}")),
        (pick(IN), pick(&["[true]", "[false, true]"]))
            .prop_map(|(o, v)| format!("agentConnected {o} {v}")),
        (pick(EQUALITY), pick(&["i-abcd1234", "'i-0'"]))
            .prop_map(|(o, v)| format!("ec2InstanceId {o} {v}")),
        (pick(IN), pick(&["[i-abcd1234, 'i-wxyx7890']"]))
            .prop_map(|(o, v)| format!("ec2InstanceId {o} {v}")),
        (pick(MATCH), pick(&["i-.*", "i-a.*"])).prop_map(|(o, v)| format!("ec2InstanceId {o} {v}")),
    ]
}

/// A valid compound expression, nested a few levels, in every connective form.
fn expression() -> impl Strategy<Value = String> {
    condition().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                pick(&["and", "&&", "or", "||"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            (inner.clone(), pick(&["and", "or"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a}) {op} ({b})")),
            inner.clone().prop_map(|a| format!("not({a})")),
            inner.clone().prop_map(|a| format!("!({a})")),
            inner.prop_map(|a| format!("( {a} )")),
        ]
    })
}

/// Text made of CQL pieces glued at random: mostly invalid, close to real mistakes.
fn cql_noise() -> impl Strategy<Value = String> {
    vec(
        pick(&[
            "attribute:a",
            "attribute:",
            "task:group",
            "agentVersion",
            "registeredAt",
            "runningTasksCount",
            "==",
            "!=",
            "=",
            "!",
            "~",
            "=~",
            "!~",
            ">",
            "<=",
            "in",
            "!in",
            "exists",
            "!exists",
            "and",
            "or",
            "not",
            "&&",
            "||",
            "(",
            ")",
            "[",
            "]",
            ",",
            "'",
            "\"",
            " ",
            "  ",
            "t2.*",
            "1.14.5",
            "2018-02-13",
            "é",
            "\u{0}",
            "\\",
            "(?x)",
            "[a-",
            "9999999999999999999999",
            "\t",
            "NOT",
            "AND",
            "ünï",
        ]),
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

fn same_everywhere(text: &str, instances: &[Inst]) -> Result<(), TestCaseError> {
    let e = parse(text).map_err(|err| TestCaseError::fail(format!("`{text}` failed: {err}")))?;
    let shown = e.to_string();
    let again = parse(&shown)
        .map_err(|err| TestCaseError::fail(format!("`{shown}` (from `{text}`) failed: {err}")))?;
    prop_assert_eq!(
        again.to_string(),
        shown.clone(),
        "Display is not a fixed point"
    );
    prop_assert_eq!(e.is_static(), again.is_static());
    for inst in instances {
        prop_assert_eq!(
            e.evaluate(inst),
            again.evaluate(inst),
            "`{}` vs `{}` on {:?}",
            text,
            shown,
            inst
        );
        prop_assert!(!e.explain(inst).is_empty());
    }
    Ok(())
}

fn check_error_in_range(text: &str) -> Result<(), TestCaseError> {
    if let Err(e) = parse(text) {
        let len = text.chars().count();
        prop_assert!(
            e.offset <= len,
            "offset {} beyond {} in {:?}",
            e.offset,
            len,
            text
        );
        prop_assert!(!e.message.is_empty());
        prop_assert_eq!(e.column(), e.offset + 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_never_panics_on_any_string(text in any::<String>()) {
        check_error_in_range(&text)?;
    }

    #[test]
    fn parse_never_panics_on_cql_noise(text in cql_noise()) {
        check_error_in_range(&text)?;
        if let Ok(e) = parse(&text) {
            let shown = e.to_string();
            prop_assert!(parse(&shown).is_ok(), "`{}` -> `{}` does not re-parse", text, shown);
        }
    }

    #[test]
    fn parse_never_panics_on_mutated_expressions(
        text in expression(),
        at in any::<prop::sample::Index>(),
        insert in any::<char>(),
        delete in any::<bool>(),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        if delete && i < chars.len() {
            chars.remove(i);
        } else {
            chars.insert(i, insert);
        }
        check_error_in_range(&chars.into_iter().collect::<String>())?;
    }

    #[test]
    fn display_reparses_to_an_equivalent_expression(text in expression(), instances in vec(instance(), 4)) {
        same_everywhere(&text, &instances)?;
    }

    #[test]
    fn connectives_compose(a in condition(), b in condition(), c in condition(), inst in instance()) {
        let v = |t: &str| parse(t).map(|e| e.evaluate(&inst)).map_err(|e| TestCaseError::fail(format!("{t}: {e}")));
        let (x, y, z) = (v(&a)?, v(&b)?, v(&c)?);
        prop_assert_eq!(v(&format!("not({a})"))?, !x);
        prop_assert_eq!(v(&format!("{a} and {b}"))?, x && y);
        prop_assert_eq!(v(&format!("{a} || {b}"))?, x || y);
        // `and` binds tighter than `or`.
        prop_assert_eq!(v(&format!("{a} or {b} and {c}"))?, x || (y && z));
        prop_assert_eq!(v(&format!("{a} and {b} or {c}"))?, (x && y) || z);
    }
}
