//! Reading request parameters the way the AWS API does: unknown parameters are named, wrong
//! types say what was expected.

use serde_json::{Map, Value};

use crate::sim::cluster::ApiError;

/// The request object, or an error saying it must be one.
pub fn object<'a>(request: &'a Value, operation: &str) -> Result<&'a Map<String, Value>, ApiError> {
    request.as_object().ok_or_else(|| {
        ApiError::invalid(format!("{operation} expects a JSON object of parameters."))
    })
}

/// Rejects parameters the operation does not have, as the AWS CLI does.
pub fn only_known(params: &Map<String, Value>, known: &[&str]) -> Result<(), ApiError> {
    for key in params.keys() {
        if !known.contains(&key.as_str()) {
            return Err(ApiError::invalid(format!(
                "Unknown parameter in input: \"{key}\", must be one of: {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

pub fn string<'a>(params: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match params.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(ApiError::invalid(format!(
            "Invalid type for parameter {key}, value: {other}, valid types: string"
        ))),
    }
}

pub fn integer(params: &Map<String, Value>, key: &str) -> Result<Option<i64>, ApiError> {
    match params.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
        Some(other) => Err(ApiError::invalid(format!(
            "Invalid type for parameter {key}, value: {other}, valid types: integer"
        ))),
    }
}

pub fn array<'a>(params: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], ApiError> {
    match params.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(ApiError::invalid(format!(
            "Invalid type for parameter {key}, value: {other}, valid types: list"
        ))),
    }
}
