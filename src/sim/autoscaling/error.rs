//! The one error type of Application Auto Scaling requests: a `ValidationException`.

use std::fmt;

/// A rejected request, worded like Application Auto Scaling's `ValidationException`.
/// `path` names the offending field in the request (`StepScalingPolicyConfiguration.StepAdjustments[1]`)
/// so the UI can point at it; it may be empty when the whole request is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub path: String,
    pub message: String,
}

impl ValidationError {
    /// The AWS exception name this error stands for.
    pub const EXCEPTION: &'static str = "ValidationException";

    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ValidationError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", Self::EXCEPTION, self.message)
        } else {
            write!(f, "{}: {}: {}", Self::EXCEPTION, self.path, self.message)
        }
    }
}

impl std::error::Error for ValidationError {}
