//! The Cluster Query Language against the documentation: every documented example
//! expression (ecs-facts.md §2 and §3.3), every operator's word form, error positions, and one
//! test per `// Assumption:` in src/sim/cql/.

// The tables read better as `&[i.clone()]` next to `&[i.clone().of_type(..)]`.
#![allow(clippy::cloned_ref_to_slice_refs)]

use ecs_playground::sim::cql::{parse, CqlError, CqlSubject, Expr};

/// A fake container instance.
#[derive(Clone)]
struct Inst {
    attrs: Vec<(String, String)>,
    id: String,
    connected: bool,
    version: String,
    registered: String,
    groups: Vec<String>,
}

impl Inst {
    /// A connected t2.small in us-east-1a with no tasks.
    fn new() -> Self {
        Inst {
            attrs: vec![
                ("ecs.instance-type".into(), "t2.small".into()),
                ("ecs.availability-zone".into(), "us-east-1a".into()),
                ("ecs.os-family".into(), "LINUX".into()),
            ],
            id: "i-0123abcd".into(),
            connected: true,
            version: "1.20.0".into(),
            registered: "2020-01-01T00:00:00Z".into(),
            groups: vec![],
        }
    }
    fn attr(mut self, name: &str, value: &str) -> Self {
        self.attrs.retain(|(n, _)| n != name);
        self.attrs.push((name.into(), value.into()));
        self
    }
    fn without(mut self, name: &str) -> Self {
        self.attrs.retain(|(n, _)| n != name);
        self
    }
    fn of_type(self, t: &str) -> Self {
        self.attr("ecs.instance-type", t)
    }
    fn in_az(self, az: &str) -> Self {
        self.attr("ecs.availability-zone", az)
    }
    fn id(mut self, id: &str) -> Self {
        self.id = id.into();
        self
    }
    fn connected(mut self, c: bool) -> Self {
        self.connected = c;
        self
    }
    fn version(mut self, v: &str) -> Self {
        self.version = v.into();
        self
    }
    fn registered(mut self, at: &str) -> Self {
        self.registered = at.into();
        self
    }
    fn tasks(mut self, groups: &[&str]) -> Self {
        self.groups = groups.iter().map(|g| g.to_string()).collect();
        self
    }
}

impl CqlSubject for Inst {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn ec2_instance_id(&self) -> &str {
        &self.id
    }
    fn agent_connected(&self) -> bool {
        self.connected
    }
    fn agent_version(&self) -> &str {
        &self.version
    }
    fn registered_at(&self) -> &str {
        &self.registered
    }
    fn running_tasks_count(&self) -> u32 {
        self.groups.len() as u32
    }
    fn task_groups(&self) -> Vec<&str> {
        self.groups.iter().map(String::as_str).collect()
    }
}

fn expr(text: &str) -> Expr {
    parse(text).unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
}

fn eval(text: &str, inst: &Inst) -> bool {
    expr(text).evaluate(inst)
}

fn err(text: &str) -> CqlError {
    match parse(text) {
        Ok(e) => panic!("`{text}` should not parse, got {e}"),
        Err(e) => e,
    }
}

/// Asserts the expression holds for every `yes` instance and for no `no` instance.
fn check(text: &str, yes: &[Inst], no: &[Inst]) {
    let e = expr(text);
    for (i, inst) in yes.iter().enumerate() {
        assert!(
            e.evaluate(inst),
            "`{text}` should match yes[{i}]: {}",
            e.explain(inst)
        );
    }
    for (i, inst) in no.iter().enumerate() {
        assert!(
            !e.evaluate(inst),
            "`{text}` should not match no[{i}]: {}",
            e.explain(inst)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Documented examples (ecs-facts.md §3.3 items 1–14, then §2)

#[test]
fn doc_01_instance_type_equals() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type == t2.small",
        &[i.clone()],
        &[
            i.clone().of_type("t2.medium"),
            i.clone().without("ecs.instance-type"),
            i.of_type("t2.smal"),
        ],
    );
}

#[test]
fn doc_02_availability_zone_in_list() {
    let i = Inst::new();
    check(
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
        &[i.clone().in_az("us-east-1a"), i.clone().in_az("us-east-1b")],
        &[
            i.clone().in_az("us-east-1c"),
            i.without("ecs.availability-zone"),
        ],
    );
}

#[test]
fn doc_03_g2_not_in_us_east_1d() {
    let g2 = Inst::new().of_type("g2.2xlarge");
    check(
        "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
        &[
            g2.clone().in_az("us-east-1a"),
            Inst::new().of_type("g2.8xlarge").in_az("us-east-1b"),
        ],
        &[
            g2.in_az("us-east-1d"),
            Inst::new().of_type("t2.small").in_az("us-east-1a"),
        ],
    );
}

#[test]
fn doc_04_task_affinity() {
    let i = Inst::new();
    check(
        "task:group == service:production",
        &[
            i.clone().tasks(&["service:production"]),
            i.clone().tasks(&["service:web", "service:production"]),
        ],
        &[
            i.clone().tasks(&["service:web"]),
            i.clone().tasks(&[]),
            i.tasks(&["service:production2"]),
        ],
    );
}

#[test]
fn doc_05_task_anti_affinity() {
    let i = Inst::new();
    check(
        "not(task:group == database)",
        &[i.clone().tasks(&["web"]), i.clone().tasks(&[])],
        &[
            i.clone().tasks(&["database"]),
            i.tasks(&["web", "database", "database"]),
        ],
    );
}

#[test]
fn doc_06_running_tasks_count() {
    let i = Inst::new();
    check(
        "runningTasksCount == 1",
        &[i.clone().tasks(&["a"])],
        &[i.clone().tasks(&[]), i.tasks(&["a", "b"])],
    );
}

#[test]
fn doc_07_agent_version_below() {
    let i = Inst::new();
    check(
        "agentVersion < 1.14.5",
        &[
            i.clone().version("1.14.4"),
            i.clone().version("1.9.0"),
            i.clone().version("1.2"),
        ],
        &[
            i.clone().version("1.14.5"),
            i.clone().version("1.20.0"),
            i.version("2.0.0"),
        ],
    );
}

#[test]
fn doc_08_registered_before() {
    let i = Inst::new();
    check(
        "registeredAt < 2018-02-13",
        &[
            i.clone().registered("2018-02-12T23:59:59Z"),
            i.clone().registered("2017-06-01T10:00:00.123Z"),
        ],
        &[
            i.clone().registered("2018-02-13T00:00:00Z"),
            i.registered("2019-01-01T00:00:00Z"),
        ],
    );
}

#[test]
fn doc_09_instance_ids() {
    let i = Inst::new();
    check(
        "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
        &[i.clone().id("i-abcd1234"), i.clone().id("i-wxyx7890")],
        &[i.clone().id("i-abcd12345"), i],
    );
}

#[test]
fn doc_10_g2_2xlarge() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type == g2.2xlarge",
        &[i.clone().of_type("g2.2xlarge")],
        &[i.of_type("g2.8xlarge")],
    );
}

#[test]
fn doc_11_custom_attribute_equals() {
    let i = Inst::new();
    check(
        "attribute:stack == prod",
        &[i.clone().attr("stack", "prod")],
        &[
            i.clone().attr("stack", "dev"),
            i.clone().attr("stack", "PROD"),
            i,
        ],
    );
}

#[test]
fn doc_12_custom_attribute_not_equals_lists_only_instances_with_it() {
    let i = Inst::new();
    check(
        "attribute:stack != prod",
        &[
            i.clone().attr("stack", "dev"),
            i.clone().attr("stack", "prod2"),
        ],
        // "lists the instances with the custom attribute stack unless the value is prod".
        &[i.clone().attr("stack", "prod"), i],
    );
}

#[test]
fn doc_13_instance_type_in() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type in [t2.small, t2.medium]",
        &[i.clone(), i.clone().of_type("t2.medium")],
        &[i.clone().of_type("t2.large"), i.of_type("m5.large")],
    );
}

#[test]
fn doc_14_t2_in_us_east_1a() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a",
        &[i.clone(), i.clone().of_type("t2.micro")],
        &[i.clone().in_az("us-east-1b"), i.of_type("m5.large")],
    );
}

#[test]
fn constraint_examples_section_2() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type =~ t2.*",
        &[i.clone()],
        &[i.clone().of_type("m5.large")],
    );
    check(
        "task:group == service:daemon-service",
        &[i.clone().tasks(&["service:daemon-service", "service:web"])],
        &[i.clone().tasks(&["service:web"]), i.clone()],
    );
    check(
        "task:group == databases",
        &[i.clone().tasks(&["databases"])],
        &[i.clone().tasks(&["database"])],
    );
    check(
        "attribute:ecs.os-family == WINDOWS_SERVER_2019_FULL",
        &[i.clone().attr("ecs.os-family", "WINDOWS_SERVER_2019_FULL")],
        &[
            i.clone(),
            i.attr("ecs.os-family", "WINDOWS_SERVER_2019_CORE"),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Grammar: subjects, every operator in both forms, lists, compounds

fn sample() -> Vec<Inst> {
    let i = Inst::new();
    vec![
        i.clone(),
        i.clone()
            .of_type("m5.large")
            .in_az("us-east-1b")
            .attr("stack", "prod")
            .tasks(&["web", "db"]),
        i.clone()
            .attr("stack", "dev")
            .attr("cores", "16")
            .version("1.9.0")
            .registered("2018-01-01")
            .connected(false),
        i.clone()
            .without("ecs.instance-type")
            .id("i-ffff")
            .tasks(&["web"]),
        i.attr("cores", "4")
            .registered("2018-06-18T22:28:28+00:00")
            .tasks(&["a", "b", "c"]),
    ]
}

#[test]
fn word_forms_equal_symbol_forms() {
    let pairs = [
        ("attribute:stack == prod", "attribute:stack equals prod"),
        ("attribute:stack != prod", "attribute:stack not_equals prod"),
        ("runningTasksCount > 1", "runningTasksCount greater_than 1"),
        (
            "runningTasksCount >= 1",
            "runningTasksCount greater_than_equal 1",
        ),
        ("runningTasksCount < 1", "runningTasksCount less_than 1"),
        (
            "runningTasksCount <= 1",
            "runningTasksCount less_than_equal 1",
        ),
        ("agentVersion < 1.14.5", "agentVersion less_than 1.14.5"),
        (
            "registeredAt >= 2018-06-18",
            "registeredAt greater_than_equal 2018-06-18",
        ),
        ("attribute:stack exists", "attribute:stack exists"),
        ("attribute:stack !exists", "attribute:stack not_exists"),
        (
            "attribute:stack in [prod, dev]",
            "attribute:stack in [prod, dev]",
        ),
        (
            "attribute:stack !in [prod]",
            "attribute:stack not_in [prod]",
        ),
        (
            "attribute:ecs.instance-type =~ t2.*",
            "attribute:ecs.instance-type matches t2.*",
        ),
        (
            "attribute:ecs.instance-type !~ t2.*",
            "attribute:ecs.instance-type not_matches t2.*",
        ),
        (
            "attribute:stack exists && runningTasksCount > 0",
            "attribute:stack exists and runningTasksCount > 0",
        ),
        (
            "attribute:stack exists || runningTasksCount > 0",
            "attribute:stack exists or runningTasksCount > 0",
        ),
        ("!(attribute:stack exists)", "not(attribute:stack exists)"),
        ("!attribute:stack exists", "not attribute:stack exists"),
    ];
    for (symbol, word) in pairs {
        let (a, b) = (expr(symbol), expr(word));
        assert_eq!(a.to_string(), b.to_string(), "{symbol} / {word}");
        for inst in sample() {
            assert_eq!(a.evaluate(&inst), b.evaluate(&inst), "{symbol} / {word}");
        }
    }
}

#[test]
fn every_operator_on_its_own() {
    let i = Inst::new().attr("stack", "prod").tasks(&["a", "b"]);
    for (text, want) in [
        ("attribute:stack == prod", true),
        ("attribute:stack equals dev", false),
        ("attribute:stack != dev", true),
        ("attribute:stack not_equals prod", false),
        ("runningTasksCount > 1", true),
        ("runningTasksCount greater_than 2", false),
        ("runningTasksCount >= 2", true),
        ("runningTasksCount greater_than_equal 3", false),
        ("runningTasksCount < 3", true),
        ("runningTasksCount less_than 2", false),
        ("runningTasksCount <= 2", true),
        ("runningTasksCount less_than_equal 1", false),
        ("runningTasksCount != 2", false),
        ("attribute:stack exists", true),
        ("attribute:nope exists", false),
        ("attribute:nope !exists", true),
        ("attribute:stack not_exists", false),
        ("attribute:stack in [dev, prod]", true),
        ("attribute:stack in [dev]", false),
        ("attribute:stack !in [dev]", true),
        ("attribute:stack not_in [prod]", false),
        ("attribute:stack =~ pr.*", true),
        ("attribute:stack matches d.*", false),
        ("attribute:stack !~ d.*", true),
        ("attribute:stack not_matches p.*", false),
    ] {
        assert_eq!(eval(text, &i), want, "{text}");
    }
}

#[test]
fn spacing_and_quoting_variants() {
    let i = Inst::new()
        .attr("stack", "prod")
        .attr("team", "data science")
        .tasks(&["x"]);
    for text in [
        "attribute:stack==prod",
        "  attribute:stack   ==   'prod'  ",
        "attribute:stack == \"prod\"",
        "attribute:stack in['dev',\"prod\" , x]",
        "attribute:stack!in[dev]",
        "attribute:stack==prod&&runningTasksCount==1",
        "(attribute:stack==prod)||(runningTasksCount>5)",
        "not(attribute:stack==dev)",
        "!(attribute:stack==dev)",
        "attribute:team == 'data science'",
        "attribute:team =~ 'data .*'",
        "agentConnected == true",
        "agentVersion >= '1.20'",
        "attribute:stack\t==\tprod",
    ] {
        assert!(eval(text, &i), "{text}");
    }
}

#[test]
fn bare_regex_may_hold_groups_and_classes() {
    let i = Inst::new();
    check(
        "attribute:ecs.instance-type =~ (t2|t3).*",
        &[i.clone(), i.clone().of_type("t3.nano")],
        &[i.clone().of_type("m5.large")],
    );
    check(
        "not(attribute:ecs.instance-type =~ (t2|t3).*)",
        &[i.clone().of_type("m5.large")],
        &[i.clone()],
    );
    check(
        "attribute:ecs.instance-type =~ m[45]\\.large",
        &[i.clone().of_type("m4.large")],
        &[i.clone().of_type("m4xlarge")],
    );
    check(
        "attribute:ecs.instance-type =~ '(?i)T2\\..*'",
        &[i.clone()],
        &[i.of_type("t3.small")],
    );
}

#[test]
fn all_subjects() {
    let i = Inst::new().id("i-abc").connected(false).tasks(&["g"]);
    assert!(eval("agentConnected == false", &i));
    assert!(eval("agentConnected != true", &i));
    assert!(eval("agentConnected in [false]", &i));
    assert!(eval("agentConnected =~ f.*", &i));
    assert!(eval("ec2InstanceId == i-abc", &i));
    assert!(eval("ec2InstanceId =~ i-.*", &i));
    assert!(eval("ec2InstanceId !~ i-z.*", &i));
    assert!(eval("registeredAt == 2020-01-01T00:00:00Z", &i));
    assert!(eval("runningTasksCount == 1", &i));
    assert!(eval("task:group == g", &i));
    assert!(eval("attribute:ecs.os-family == LINUX", &i));
    // Attribute names may hold letters, digits, - _ / \ .
    let j = Inst::new().attr("my-team_v2/a\\b.c", "x");
    assert!(eval("attribute:my-team_v2/a\\b.c == x", &j));
}

// ---------------------------------------------------------------------------------------
// Errors: exact offsets

#[test]
fn error_positions() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "empty expression"),
        ("   ", 3, "empty expression"),
        (
            "attribute:stack prod",
            16,
            "expected an operator (==, !=, in, =~, exists ...) after `attribute:stack`",
        ),
        ("attribute:stack", 15, "expected an operator"),
        (
            "(attribute:stack == prod",
            24,
            "expected `)` (to close the `(` from column 1)",
        ),
        ("attribute:stack == prod)", 23, "unexpected `)`"),
        ("(a:b", 1, "unknown subject"),
        ("attribute:stack == 'prod", 19, "unterminated quoted value"),
        ("attribute:stack == \"prod", 19, "unterminated quoted value"),
        ("attribute:a in [x, y", 20, "unterminated list"),
        ("attribute:a in [x, 'y", 19, "unterminated quoted value"),
        ("attribute:a in [x y]", 18, "expected `,` or `]`"),
        ("attribute:a in []", 16, "at least one value"),
        ("attribute:a in [x,]", 18, "after `,`"),
        ("attribute:a in [,x]", 16, "before `,`"),
        ("attribute:a in x", 15, "expected a list"),
        ("agentversion < 1.14.5", 0, "did you mean `agentVersion`?"),
        (
            "runningtaskscount > 1",
            0,
            "did you mean `runningTasksCount`?",
        ),
        (
            "attributes:stack == x",
            0,
            "did you mean `attribute:stack`?",
        ),
        (
            "ecs.instance-type == t2.small",
            0,
            "did you mean `attribute:ecs.instance-type`?",
        ),
        ("banana == 1", 0, "unknown subject `banana`"),
        ("agentVersion in [1.0]", 13, "not valid for agentVersion"),
        ("agentVersion =~ 1.*", 13, "not valid for agentVersion"),
        (
            "runningTasksCount exists",
            18,
            "not valid for runningTasksCount",
        ),
        (
            "registeredAt !in [2018-01-01]",
            13,
            "not valid for registeredAt",
        ),
        ("ec2InstanceId > i-1", 14, "not valid for ec2InstanceId"),
        ("agentConnected < true", 15, "not valid for agentConnected"),
        ("agentConnected exists", 15, "not valid for agentConnected"),
        ("task:group >= a", 11, "not valid for task:group"),
        ("attribute:x =~ 'a('", 15, "invalid regular expression"),
        ("attribute:x =~ 'a)|(b'", 15, "invalid regular expression"),
        // Bare, an unbalanced `)` ends the regex (it closes an enclosing group).
        ("attribute:x =~ a)|(b", 16, "unexpected `)`"),
        ("attribute:x =~ (?=a)", 15, "invalid regular expression"),
        ("attribute:x =~ '(?x)a#c'", 15, "verbose"),
        ("attribute:x =~", 14, "expected a regular expression"),
        ("registeredAt < 2018-13-01", 15, "invalid date"),
        ("registeredAt < 2018-02-30", 15, "invalid date"),
        ("registeredAt < 13/02/2018", 15, "invalid date"),
        (
            "registeredAt < 2018-06-18T22:28:28+0000",
            15,
            "invalid date",
        ),
        ("agentVersion < 1.x", 15, "invalid agent version"),
        ("agentVersion < latest", 15, "invalid agent version"),
        ("runningTasksCount > one", 20, "whole number"),
        ("runningTasksCount > -1", 20, "whole number"),
        ("runningTasksCount > 1.5", 20, "whole number"),
        (
            "runningTasksCount > 99999999999999999999999",
            20,
            "too large",
        ),
        ("agentConnected == yes", 18, "true or false"),
        ("agentConnected == TRUE", 18, "true or false"),
        (
            "attribute:a == b and",
            20,
            "expected a condition after `and`",
        ),
        ("task:group == a &&", 18, "expected a condition after `&&`"),
        (
            "attribute:a == b or or x == y",
            20,
            "expected a condition before `or`",
        ),
        (
            "and attribute:a == b",
            0,
            "expected a condition before `and`",
        ),
        (
            "attribute:a == b AND attribute:c == d",
            17,
            "keywords are lowercase: write `and`",
        ),
        (
            "NOT(attribute:a exists)",
            0,
            "keywords are lowercase: write `not`",
        ),
        (
            "attribute:a EQUALS b",
            12,
            "operators are lowercase: write `equals`",
        ),
        ("attribute:a = b", 12, "did you mean `==`?"),
        ("attribute:a => b", 12, "did you mean `>=`?"),
        ("attribute:a !b", 12, "expected an operator"),
        ("attribute:a !inx [b]", 12, "expected an operator"),
        ("not", 3, "expected a condition after `not`"),
        ("()", 1, "expected a subject"),
        ("(", 1, "expected a condition after `(`"),
        (
            "attribute:a == b attribute:c == d",
            17,
            "expected `and`, `or` or the end of the expression after `b`, found `attribute:c`; missing `and` or `or`?",
        ),
        (
            "attribute:team == data science",
            23,
            "quote a value that contains spaces",
        ),
        ("(attribute:a == b c)", 18, "expected `and`, `or` or `)`"),
        ("attribute:a exists b", 19, "`exists` takes no value"),
        ("attribute:a exists task:group exists", 19, "missing `and` or `or`?"),
        ("attribute:a in [x, y", 20, "(to close the `[` from column 16)"),
        ("attribute:a ==", 14, "expected a value after `==`"),
        ("attribute:a == (b)", 15, "can't contain parentheses"),
        ("attribute:a == [b]", 15, "lists go with `in`"),
        ("attribute: == x", 10, "expected an attribute name"),
        ("attribute:a:b == x", 11, "`:` is not allowed"),
        ("attribute:a* == x", 11, "`*` is not allowed"),
        ("'attribute:a' == b", 0, "expected a subject"),
        ("== b", 0, "expected a subject"),
        ("attribute:a exists )", 19, "unexpected `)`"),
    ];
    for (text, offset, needle) in cases {
        let e = err(text);
        assert!(
            e.message.contains(needle),
            "`{text}`: message {:?} lacks {needle:?}",
            e.message
        );
        assert_eq!(e.offset, *offset, "`{text}`: {e}");
        assert_eq!(e.column(), offset + 1);
    }
}

#[test]
fn error_display_names_the_column() {
    let e = err("attribute:stack prod");
    assert_eq!(
        e.to_string(),
        "expected an operator (==, !=, in, =~, exists ...) after `attribute:stack`, found `prod` at column 17"
    );
    assert_eq!(
        err("attribute:stack").to_string(),
        "expected an operator (==, !=, in, =~, exists ...) after `attribute:stack` at column 16"
    );
}

#[test]
fn offsets_count_characters_not_bytes() {
    // `é` is two bytes in UTF-8; the offset must count it once.
    let e = err("attribute:caé == x");
    assert_eq!(e.offset, 12);
    assert!(e.message.contains("`é` is not allowed"), "{e}");
    let e = err("attribute:a == 'é' and");
    assert_eq!(e.offset, 22);
    let e = err("attribute:a == ünïcödé attribute:b exists");
    assert_eq!(e.offset, 23);
}

#[test]
fn length_limit_is_2000_characters() {
    let ok = format!("attribute:a == {}", "x".repeat(2000 - 15));
    assert_eq!(ok.chars().count(), 2000);
    assert!(parse(&ok).is_ok());
    let long = format!("{ok}x");
    let e = err(&long);
    assert_eq!(e.offset, 2000);
    assert!(e.message.contains("at most 2000"), "{e}");
    // Characters, not bytes: 2000 two-byte characters are allowed.
    let wide = format!("attribute:a == '{}'", "é".repeat(2000 - 17));
    assert!(parse(&wide).is_ok());
}

#[test]
fn nesting_is_capped_at_64() {
    let nested = |n: usize| format!("{}attribute:a exists{}", "(".repeat(n), ")".repeat(n));
    assert!(parse(&nested(64)).is_ok());
    let e = err(&nested(65));
    assert_eq!(e.offset, 64);
    assert!(e.message.contains("nests too deeply"), "{e}");
    let nots = |n: usize| format!("{}attribute:a exists", "!".repeat(n));
    assert!(parse(&nots(64)).is_ok());
    assert_eq!(err(&nots(65)).offset, 64);
    // `not(` is one level (the `not` and its `(` together, the form Display prints): the
    // 65th `not` is the 65th level.
    let not_groups = |n: usize| format!("{}attribute:a exists{}", "not(".repeat(n), ")".repeat(n));
    assert!(parse(&not_groups(64)).is_ok());
    assert_eq!(err(&"not(".repeat(500)).offset, 64 * 4);
    assert_eq!(err(&not_groups(65)).offset, 64 * 4);
    // ... also with a space before the `(`; a `not` then a separate group is two levels.
    assert!(parse(&format!(
        "{}attribute:a exists{}",
        "not (".repeat(64),
        ")".repeat(64)
    ))
    .is_ok());
    assert_eq!(
        err(&format!(
            "{}attribute:a exists{}",
            "not((".repeat(33),
            "))".repeat(33)
        ))
        .offset,
        32 * 5
    );
    // Long flat chains are not nesting.
    let chain = vec!["attribute:a exists"; 80].join(" and ");
    assert!(parse(&chain).is_ok());
}

// ---------------------------------------------------------------------------------------
// Assumptions (one test each)

#[test]
fn assumption_regex_must_match_the_whole_value() {
    let i = Inst::new(); // t2.small
    assert!(eval("attribute:ecs.instance-type =~ t2.*", &i));
    assert!(
        !eval("attribute:ecs.instance-type =~ t2", &i),
        "partial match must not count"
    );
    assert!(!eval("attribute:ecs.instance-type =~ small", &i));
    assert!(eval("attribute:ecs.instance-type =~ .*small", &i));
    // Anchoring covers every alternative.
    assert!(eval("attribute:ecs.instance-type =~ m5.large|t2.small", &i));
    assert!(!eval("attribute:ecs.instance-type =~ t2|m5", &i));
    assert!(eval("attribute:ecs.instance-type !~ t2", &i));
}

#[test]
fn assumption_redundant_parentheses_are_accepted() {
    let i = Inst::new();
    assert!(eval("(attribute:ecs.instance-type == t2.small)", &i));
    assert!(eval("((attribute:ecs.instance-type == t2.small))", &i));
    assert!(eval("not((attribute:stack exists))", &i));
    // ... but not inside a condition.
    assert!(parse("attribute:ecs.instance-type == (t2.small)").is_err());
    assert!(parse("(attribute:ecs.instance-type) == t2.small").is_err());
}

#[test]
fn assumption_and_binds_tighter_than_or() {
    let i = Inst::new(); // has instance type, no stack, no tasks
    let (a, b, c) = (
        "attribute:ecs.instance-type exists",
        "attribute:stack exists",
        "runningTasksCount > 0",
    );
    // a or (b and c) = true; (a or b) and c = false.
    assert!(eval(&format!("{a} or {b} and {c}"), &i));
    assert!(!eval(&format!("({a} or {b}) and {c}"), &i));
    assert!(eval(&format!("{b} and {c} or {a}"), &i));
    assert_eq!(
        expr(&format!("{a} or {b} and {c}")).to_string(),
        format!("{a} or {b} and {c}")
    );
    assert_eq!(
        expr(&format!("({a} or {b}) and {c}")).to_string(),
        format!("({a} or {b}) and {c}")
    );
    // not binds tightest: `not a and b` is `(not a) and b`.
    assert!(!eval(&format!("not {b} and {c}"), &i));
    assert!(eval(&format!("not {b} and {a}"), &i));
}

#[test]
fn assumption_missing_attribute_fails_every_test_but_not_exists() {
    let i = Inst::new(); // no `stack`
    for text in [
        "attribute:stack == prod",
        "attribute:stack != prod",
        "attribute:stack in [prod]",
        "attribute:stack !in [prod]",
        "attribute:stack =~ .*",
        "attribute:stack !~ prod",
        "attribute:stack > 1",
        "attribute:stack exists",
    ] {
        assert!(!eval(text, &i), "{text}");
    }
    assert!(eval("attribute:stack !exists", &i));
    assert!(
        eval("not(attribute:stack == prod)", &i),
        "not(...) is the way to include instances without it"
    );
}

#[test]
fn assumption_string_equality_is_exact_and_case_sensitive() {
    let i = Inst::new().attr("stack", "Prod").attr("n", "1");
    assert!(!eval("attribute:stack == prod", &i));
    assert!(!eval("attribute:stack in [prod]", &i));
    assert!(
        !eval("attribute:n == 1.0", &i),
        "== compares strings, not numbers"
    );
}

#[test]
fn assumption_agent_version_is_numeric() {
    let i = Inst::new().version("1.14.5");
    assert!(
        !eval("agentVersion < 1.9.0", &i),
        "1.14.5 < 1.9.0 must be false"
    );
    assert!(eval("agentVersion > 1.9.0", &i));
    assert!(eval("agentVersion == 1.14.5.0", &i));
    assert!(eval("agentVersion >= 1.14", &i));
    assert!(eval(
        "agentVersion == v1.14.5",
        &Inst::new().version("1.14.5")
    ));
    assert!(eval(
        "agentVersion == 1.14.5",
        &Inst::new().version("v1.14.5")
    ));
}

#[test]
fn assumption_unreadable_agent_version_or_date_satisfies_nothing() {
    let i = Inst::new().version("unknown").registered("yesterday");
    for text in [
        "agentVersion == 1.0",
        "agentVersion != 1.0",
        "agentVersion > 0",
        "registeredAt != 2018-01-01",
        "registeredAt < 2100-01-01",
    ] {
        assert!(!eval(text, &i), "{text}");
    }
}

#[test]
fn assumption_dates_default_to_midnight_utc() {
    let midnight = Inst::new().registered("2018-02-13T00:00:00Z");
    assert!(eval("registeredAt == 2018-02-13", &midnight));
    assert!(eval("registeredAt == 2018-02-13T00:00:00", &midnight));
    assert!(eval("registeredAt == 2018-02-13T00:00:00+00:00", &midnight));
    assert!(eval("registeredAt == 2018-02-13T01:00:00+01:00", &midnight));
    // 00:00 at +01:00 is 23:00 UTC the day before.
    let early = Inst::new().registered("2018-02-13T00:00:00+01:00");
    assert!(eval("registeredAt < 2018-02-13", &early));
    // No offset on the instance side is UTC too.
    let local = Inst::new().registered("2018-02-13T05:00:00");
    assert!(eval("registeredAt == 2018-02-13T06:00:00+01:00", &local));
    // Equality is to the instant, not the day.
    assert!(!eval("registeredAt == 2018-02-13", &local));
    // All four documented formats are accepted.
    for text in [
        "registeredAt < 2018-06-18T22:28:28+00:00",
        "registeredAt < 2018-06-18T22:28:28Z",
        "registeredAt < 2018-06-18T22:28:28",
        "registeredAt < 2018-06-18",
    ] {
        assert!(
            eval(text, &Inst::new().registered("2018-01-01T00:00:00.5Z")),
            "{text}"
        );
    }
}

#[test]
fn assumption_task_group_is_multi_valued() {
    let none = Inst::new();
    let web = Inst::new().tasks(&["web", "web"]);
    let mixed = Inst::new().tasks(&["web", "database"]);
    // == / in / =~: any task's group.
    check(
        "task:group == database",
        &[mixed.clone()],
        &[none.clone(), web.clone()],
    );
    check(
        "task:group in [database, cache]",
        &[mixed.clone()],
        &[none.clone(), web.clone()],
    );
    check(
        "task:group =~ data.*",
        &[mixed.clone()],
        &[none.clone(), web.clone()],
    );
    // != / !in / !~: no task's group (instances without tasks qualify).
    check(
        "task:group != database",
        &[none.clone(), web.clone()],
        &[mixed.clone()],
    );
    check(
        "task:group !in [database, cache]",
        &[none.clone(), web.clone()],
        &[mixed.clone()],
    );
    check(
        "task:group !~ data.*",
        &[none.clone(), web.clone()],
        &[mixed.clone()],
    );
    // `!=` is the anti-affinity of the documented `not(task:group == database)`.
    for i in [&none, &web, &mixed] {
        assert_eq!(
            eval("task:group != database", i),
            eval("not(task:group == database)", i)
        );
    }
    check(
        "task:group exists",
        &[web.clone(), mixed.clone()],
        &[none.clone()],
    );
    check("task:group !exists", &[none], &[web, mixed]);
}

#[test]
fn assumption_agent_connected_takes_lowercase_true_false() {
    let up = Inst::new().connected(true);
    let down = Inst::new().connected(false);
    check("agentConnected == true", &[up.clone()], &[down.clone()]);
    check("agentConnected == false", &[down.clone()], &[up.clone()]);
    check("agentConnected != true", &[down.clone()], &[up.clone()]);
    check(
        "agentConnected not_in [true]",
        &[down.clone()],
        &[up.clone()],
    );
    check("agentConnected == 'true'", &[up], &[down]);
    for bad in [
        "agentConnected == True",
        "agentConnected == 1",
        "agentConnected in [true, yes]",
    ] {
        assert!(err(bad).message.contains("true or false"), "{bad}");
    }
}

#[test]
fn assumption_keywords_are_case_sensitive() {
    for bad in [
        "attribute:a exists AND attribute:b exists",
        "attribute:a exists Or attribute:b exists",
        "NOT attribute:a exists",
        "attribute:a EXISTS",
        "attribute:a In [x]",
        "Attribute:a exists",
        "AgentVersion < 1.0",
        "TASK:GROUP == x",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn assumption_quoted_values_have_no_escapes() {
    let i = Inst::new().attr("s", "it's").attr("b", "a\\b");
    assert!(eval("attribute:s == \"it's\"", &i));
    assert!(eval("attribute:b == 'a\\b'", &i));
    // A backslash reaches the regex unchanged.
    assert!(eval("attribute:b =~ 'a\\\\b'", &i));
    // `\'` does not escape the quote: the value ends at the second quote.
    assert!(parse("attribute:s == 'it\\'s'").is_err());
}

#[test]
fn assumption_attribute_ordering_is_numeric_when_both_are_numbers() {
    let i = Inst::new().attr("cores", "16").attr("name", "t2");
    assert!(
        eval("attribute:cores >= 4", &i),
        "numeric: 16 >= 4 (as strings \"16\" < \"4\")"
    );
    assert!(eval("attribute:cores < 100.5", &i));
    assert!(eval("attribute:cores > -1", &i));
    assert!(eval("attribute:name > m", &i), "strings otherwise");
    assert!(eval("attribute:name <= t2", &i));
    assert!(
        eval("attribute:cores < 1x", &i),
        "\"16\" < \"1x\" as strings"
    );
}

#[test]
fn assumption_operator_table_is_enforced() {
    for bad in [
        "agentVersion in [1.0]",
        "agentVersion exists",
        "registeredAt =~ 2018.*",
        "runningTasksCount in [1]",
        "runningTasksCount !~ 1",
        "ec2InstanceId >= i-1",
        "ec2InstanceId exists",
        "agentConnected > false",
        "task:group < a",
    ] {
        assert!(err(bad).message.contains("is not valid for"), "{bad}");
    }
    for good in [
        "attribute:a > 1",
        "attribute:a exists",
        "task:group exists",
        "task:group in [a]",
    ] {
        assert!(parse(good).is_ok(), "{good}");
    }
}

// ---------------------------------------------------------------------------------------
// Display, explain, is_static

#[test]
fn display_is_normalised() {
    for (text, shown) in [
        ("attribute:stack equals prod", "attribute:stack == prod"),
        (
            "attribute:stack   not_equals   'prod'",
            "attribute:stack != prod",
        ),
        (
            "ec2InstanceId in ['i-abcd1234', \"i-wxyx7890\"]",
            "ec2InstanceId in [i-abcd1234, i-wxyx7890]",
        ),
        ("attribute:a not_in [x]", "attribute:a !in [x]"),
        ("attribute:a not_exists", "attribute:a !exists"),
        ("attribute:a matches t2.*", "attribute:a =~ t2.*"),
        ("attribute:a =~ (t2|t3).*", "attribute:a =~ '(t2|t3).*'"),
        (
            "attribute:a == 'data science'",
            "attribute:a == 'data science'",
        ),
        ("attribute:a == \"it's\"", "attribute:a == \"it's\""),
        ("attribute:a == ''", "attribute:a == ''"),
        ("!(task:group == database)", "not(task:group == database)"),
        ("((attribute:a exists))", "attribute:a exists"),
        (
            "attribute:a exists && (attribute:b exists || attribute:c exists)",
            "attribute:a exists and (attribute:b exists or attribute:c exists)",
        ),
        (
            "(attribute:a exists and attribute:b exists) or attribute:c exists",
            "attribute:a exists and attribute:b exists or attribute:c exists",
        ),
        (
            "registeredAt less_than 2018-06-18T22:28:28+00:00",
            "registeredAt < 2018-06-18T22:28:28+00:00",
        ),
        (
            "task:group == service:production",
            "task:group == service:production",
        ),
    ] {
        assert_eq!(expr(text).to_string(), shown, "{text}");
        assert_eq!(
            expr(shown).to_string(),
            shown,
            "{shown} should be a fixed point"
        );
    }
}

/// Fuzz finding: a bare regex may hold both quote kinds inside a class; with no escapes it
/// cannot be quoted, so Display writes it bare, as it was read.
#[test]
fn display_keeps_a_value_with_both_quotes_bare() {
    let text = "attribute:e !~ y['a\"]d";
    let shown = expr(text).to_string();
    assert_eq!(shown, text);
    assert_eq!(expr(&shown).to_string(), shown);
    let inner = "not(attribute:e =~ y['a\"]d) and attribute:f =~ x[\"']";
    assert_eq!(expr(inner).to_string(), inner);
    // One quote kind: quoted with the other.
    assert_eq!(
        expr("attribute:e =~ y['a]d").to_string(),
        "attribute:e =~ \"y['a]d\""
    );
    assert_eq!(
        expr("attribute:e =~ y[\"a]d").to_string(),
        "attribute:e =~ 'y[\"a]d'"
    );
}

/// Fuzz finding: 33 `!` printed as 33 nested `not(...)`, which used to count as 66 levels and
/// failed to parse again. Display never nests deeper than what it read.
#[test]
fn display_of_deep_negation_parses_again() {
    for n in [33, 64] {
        let text = format!("{}attribute:a == b", "!".repeat(n));
        let e = expr(&text);
        let shown = e.to_string();
        assert_eq!(
            shown,
            format!("{}attribute:a == b{}", "not(".repeat(n), ")".repeat(n))
        );
        let again = expr(&shown);
        assert_eq!(again.to_string(), shown);
        let inst = Inst::new();
        assert_eq!(e.evaluate(&inst), again.evaluate(&inst), "{n}");
    }
    // Negated groups nested to the limit print within it too.
    let text = format!(
        "{}attribute:a exists or attribute:b exists{}",
        "!(".repeat(64),
        ")".repeat(64)
    );
    let shown = expr(&text).to_string();
    assert_eq!(expr(&shown).to_string(), shown);
}

/// Fuzz finding: normalising can lengthen an expression (`x,y` lists print as `x, y`, `!a` as
/// `not(a)`), past the 2000-character limit; such an expression prints as written instead.
#[test]
fn display_of_a_long_expression_stays_within_the_limit() {
    let text = format!("attribute:a in [{}x]", "x,".repeat(990));
    assert_eq!(text.chars().count(), 1998);
    let e = expr(&format!(" {text}\n"));
    let shown = e.to_string();
    assert_eq!(shown, text);
    let again = expr(&shown);
    assert_eq!(again.to_string(), shown);
    let inst = Inst::new();
    assert_eq!(e.evaluate(&inst), again.evaluate(&inst));
    // Just within the limit once normalised: normalised as usual.
    let short = format!("attribute:a in [{}x]", "x,".repeat(660));
    let shown = expr(&short).to_string();
    assert_eq!(shown, format!("attribute:a in [{}x]", "x, ".repeat(660)));
    assert_eq!(shown.chars().count(), 1998);
    assert_eq!(expr(&shown).to_string(), shown);
}

#[test]
fn explain_says_why() {
    let m5 = Inst::new().of_type("m5.large");
    let t2 = Inst::new();
    let e = expr("attribute:ecs.instance-type =~ t2.*");
    assert_eq!(
        e.explain(&m5),
        "attribute:ecs.instance-type is \"m5.large\", which does not match t2.*"
    );
    assert_eq!(
        e.explain(&t2),
        "attribute:ecs.instance-type is \"t2.small\", which matches t2.*"
    );

    assert_eq!(
        expr("attribute:stack != prod").explain(&t2),
        "attribute:stack is not set, so attribute:stack != prod is false"
    );
    assert_eq!(
        expr("attribute:stack exists").explain(&t2),
        "attribute:stack is not set"
    );
    assert_eq!(
        expr("runningTasksCount < 2").explain(&Inst::new().tasks(&["a", "b", "c"])),
        "runningTasksCount is 3, which is not less than 2"
    );
    assert_eq!(
        expr("agentVersion < 1.14.5").explain(&Inst::new().version("1.9.0")),
        "agentVersion is \"1.9.0\", which is less than 1.14.5"
    );
    assert_eq!(
        expr("registeredAt < 2018-02-13").explain(&Inst::new().registered("2019-01-01T00:00:00Z")),
        "registeredAt is \"2019-01-01T00:00:00Z\", which is not before 2018-02-13"
    );
    assert_eq!(
        expr("agentConnected == true").explain(&Inst::new().connected(false)),
        "agentConnected is false, which does not equal true"
    );
    assert_eq!(
        expr("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']").explain(&Inst::new()),
        "ec2InstanceId is \"i-0123abcd\", which is not in [i-abcd1234, i-wxyx7890]"
    );
    // task:group
    let db = Inst::new().tasks(&["web", "database"]);
    assert_eq!(
        expr("not(task:group == database)").explain(&db),
        "task:group includes \"database\", which equals database"
    );
    assert_eq!(
        expr("task:group == database").explain(&Inst::new().tasks(&["web", "web"])),
        "task:group is [\"web\"], none of which equals database"
    );
    assert_eq!(
        expr("task:group != database").explain(&Inst::new()),
        "no tasks run on this instance, so task:group != database is true"
    );
    // Compounds: `and` names the first failing part, `or` the first holding one.
    let e = expr(
        "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a",
    );
    assert_eq!(
        e.explain(&t2.clone().in_az("us-east-1b")),
        "attribute:ecs.availability-zone is \"us-east-1b\", which does not equal us-east-1a"
    );
    assert_eq!(
        e.explain(&t2),
        "attribute:ecs.instance-type is \"t2.small\", which matches t2.*; attribute:ecs.availability-zone is \"us-east-1a\", which equals us-east-1a"
    );
    let e = expr("attribute:stack exists or runningTasksCount > 0");
    assert_eq!(
        e.explain(&t2),
        "attribute:stack is not set; runningTasksCount is 0, which is not greater than 0"
    );
    assert_eq!(
        e.explain(&t2.clone().tasks(&["x"])),
        "runningTasksCount is 1, which is greater than 0"
    );
}

#[test]
fn is_static_excludes_running_tasks_and_task_group() {
    for text in [
        "attribute:ecs.instance-type == t2.small",
        "agentConnected == true and agentVersion > 1.0",
        "ec2InstanceId in [i-1] or registeredAt < 2018-01-01",
        "not(attribute:a exists)",
    ] {
        assert!(expr(text).is_static(), "{text}");
    }
    for text in [
        "runningTasksCount == 1",
        "task:group == database",
        "attribute:a exists and (attribute:b exists or task:group exists)",
        "not(runningTasksCount > 0)",
    ] {
        assert!(!expr(text).is_static(), "{text}");
    }
}

// ---------------------------------------------------------------------------------------
// Performance: evaluation does not allocate (placement evaluates every instance per task)

mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        // Const-initialised and destructor-free, so reading it never allocates.
        pub static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    /// Counts allocations per thread, so tests running in parallel do not disturb each other.
    pub struct Counting;

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
            System.alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout)
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;
}

#[test]
fn evaluation_does_not_allocate() {
    let insts = [
        Inst::new().attr("stack", "prod").tasks(&["a"]),
        Inst::new()
            .of_type("m5.large")
            .version("v1.9.0-beta")
            .registered("2018-06-18T22:28:28.5+02:00"),
    ];
    let exprs: Vec<Expr> = [
        "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d",
        "attribute:ecs.instance-type in [t2.small, t2.medium] or not(attribute:stack exists)",
        "attribute:cores >= 4 || attribute:stack !~ '(?i)PROD'",
        "agentVersion < 1.14.5 and registeredAt < 2018-02-13T00:00:00+01:00",
        "runningTasksCount <= 1 && agentConnected == true && ec2InstanceId !in [i-1, i-2]",
    ]
    .iter()
    .map(|t| expr(t))
    .collect();
    // Warm up: a regex's match cache is created on first use.
    for e in &exprs {
        for i in &insts {
            e.evaluate(i);
        }
    }
    let before = counting::ALLOCATIONS.with(|c| c.get());
    let mut hits = 0;
    for _ in 0..100 {
        for e in &exprs {
            for i in &insts {
                hits += usize::from(e.evaluate(i));
            }
        }
    }
    let after = counting::ALLOCATIONS.with(|c| c.get());
    assert!(hits > 0);
    assert_eq!(after - before, 0, "evaluate allocated");
    // The counter does see allocations (task:group builds the trait's Vec).
    expr("task:group == a").evaluate(&insts[0]);
    assert!(counting::ALLOCATIONS.with(|c| c.get()) > after);
}
