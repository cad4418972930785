//! The parsed form of an expression. Arguments are converted and checked at parse time
//! (versions, dates, counts, regexes), so evaluation is only comparisons.

use regex_lite::Regex;

use super::date::Instant;

/// A parsed CQL expression. Build it with [`super::parse`]; render it with `Display`.
#[derive(Debug, Clone)]
pub struct Expr {
    pub(super) root: Node,
    /// The text as parsed (trimmed), kept only when the normalised rendering would be longer
    /// than [`super::MAX_LENGTH`] (e.g. `a,b` lists printed as `a, b`, `!x` as `not(x)`):
    /// Display prints it instead, so what Display prints always parses again.
    pub(super) as_written: Option<Box<str>>,
}

#[derive(Debug, Clone)]
pub(super) enum Node {
    /// All must hold. Flat: `a and b and c` is one node, so chains do not deepen the tree.
    And(Vec<Node>),
    /// At least one must hold.
    Or(Vec<Node>),
    Not(Box<Node>),
    Cond(Condition),
}

/// One `subject operator [argument]`.
#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub subject: Subject,
    pub test: Test,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    AgentConnected,
    AgentVersion,
    /// `attribute:NAME`, holding NAME.
    Attribute(String),
    Ec2InstanceId,
    RegisteredAt,
    RunningTasksCount,
    TaskGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone)]
pub(super) enum Test {
    /// `exists`, or `!exists` / `not_exists` when negated.
    Exists {
        negated: bool,
    },
    Compare {
        cmp: Cmp,
        value: Value,
    },
    /// `in`, or `!in` / `not_in` when negated.
    In {
        negated: bool,
        values: Vec<Value>,
    },
    /// `=~`, or `!~` when negated.
    Matches {
        negated: bool,
        pattern: Pattern,
    },
}

/// An argument: the text as written (quotes removed) and its meaning for the subject.
#[derive(Debug, Clone)]
pub(super) struct Value {
    pub text: String,
    pub typed: Typed,
}

#[derive(Debug, Clone)]
pub(super) enum Typed {
    /// A string; `number` is set when it also reads as a decimal number (for `>`/`<` on
    /// attributes).
    Text {
        number: Option<f64>,
    },
    /// `true` or `false` for agentConnected (compared as text once checked).
    Bool,
    Version(Vec<u32>),
    Instant(Instant),
    Count(u64),
}

/// A regex: its source as written and the compiled, anchored form.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub source: String,
    pub regex: Regex,
}

impl Subject {
    /// The subject's name as written in CQL (without the attribute name).
    pub fn keyword(&self) -> &'static str {
        match self {
            Subject::AgentConnected => "agentConnected",
            Subject::AgentVersion => "agentVersion",
            Subject::Attribute(_) => "attribute",
            Subject::Ec2InstanceId => "ec2InstanceId",
            Subject::RegisteredAt => "registeredAt",
            Subject::RunningTasksCount => "runningTasksCount",
            Subject::TaskGroup => "task:group",
        }
    }

    /// Whether the value changes as tasks start and stop on the instance.
    pub fn is_dynamic(&self) -> bool {
        matches!(self, Subject::RunningTasksCount | Subject::TaskGroup)
    }
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
        }
    }

    /// Whether an ordering between the instance's value and the argument satisfies it.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Cmp::Eq => ord == Equal,
            Cmp::Ne => ord != Equal,
            Cmp::Gt => ord == Greater,
            Cmp::Ge => ord != Less,
            Cmp::Lt => ord == Less,
            Cmp::Le => ord != Greater,
        }
    }
}

impl Expr {
    /// True when the result depends only on the instance's fixed properties (not on
    /// runningTasksCount or task:group), so it can be cached per instance.
    pub fn is_static(&self) -> bool {
        self.root.is_static()
    }
}

impl Node {
    fn is_static(&self) -> bool {
        match self {
            Node::And(v) | Node::Or(v) => v.iter().all(Node::is_static),
            Node::Not(n) => n.is_static(),
            Node::Cond(c) => !c.subject.is_dynamic(),
        }
    }
}
