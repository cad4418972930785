//! Cluster Query Language: the expressions of `memberOf` placement constraints and of
//! `list-container-instances --filter`, e.g.
//! `attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d`.
//!
//! `parse` checks the whole documented grammar (and ECS's 2000-character limit) and reports
//! the offending character; `Expr::evaluate` tests one container instance; `Display` gives a
//! normalised rendering and `Expr::explain` says why an instance matched or not.
//!
//! Precedence, tightest first: `not`/`!`, then `and`/`&&`, then `or`/`||`; parentheses group.
//! Decisions the docs leave open are marked `// Assumption:` in the files below.

mod ast;
mod date;
mod display;
mod error;
mod eval;
mod explain;
mod hint;
mod lexer;
mod parser;
mod version;

pub use ast::Expr;
pub use error::CqlError;
pub use parser::{MAX_DEPTH, MAX_LENGTH};

/// What an expression is evaluated against: one container instance.
pub trait CqlSubject {
    /// `attribute:NAME`, built-in (`ecs.availability-zone`) or custom.
    fn attribute(&self, name: &str) -> Option<&str>;
    fn ec2_instance_id(&self) -> &str;
    fn agent_connected(&self) -> bool;
    fn agent_version(&self) -> &str;
    /// RFC 3339 timestamp, e.g. `2024-01-01T00:00:00Z`.
    fn registered_at(&self) -> &str;
    fn running_tasks_count(&self) -> u32;
    /// The task groups of the tasks running on the instance (a group may repeat).
    fn task_groups(&self) -> Vec<&str>;
}

/// Parses a CQL expression. Never panics; nesting is capped at [`MAX_DEPTH`] and length at
/// [`MAX_LENGTH`] characters.
pub fn parse(text: &str) -> Result<Expr, CqlError> {
    parser::parse(text)
}
