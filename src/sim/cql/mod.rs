//! Cluster Query Language. STUB: replaced by the lexer, parser and evaluator.

/// A CQL syntax error: what is wrong and the character it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CqlError {
    pub message: String,
    /// 0-based character offset into the expression.
    pub offset: usize,
}

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

#[derive(Debug, Clone)]
pub struct Expr;

impl Expr {
    pub fn evaluate(&self, subject: &dyn CqlSubject) -> bool {
        let _ = subject;
        true
    }

    /// True when the result depends only on the instance's fixed properties
    /// (not on runningTasksCount or task:group), so it can be cached per instance.
    pub fn is_static(&self) -> bool {
        true
    }
}

pub fn parse(text: &str) -> Result<Expr, CqlError> {
    let _ = text;
    Ok(Expr)
}
