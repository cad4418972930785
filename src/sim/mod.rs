pub mod diagnostic;
pub mod json;
pub mod taskdef;
