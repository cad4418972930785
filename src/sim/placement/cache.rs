//! Per-instance values that stay the same until an instance is added, removed or changes its
//! attributes: static memberOf verdicts and the spread value of each instance. Cached by the
//! cluster's generation so that placing 10,000 tasks does not re-read 1,000 attribute maps
//! each time.

use std::collections::HashMap;

use crate::sim::cql::Expr;
use crate::sim::instance::ContainerInstance;

use super::request::SpreadField;

/// Each instance's value of a spread field, interned as a small number.
#[derive(Debug, Clone, Default)]
pub struct SpreadIndex {
    pub value_of: Vec<u32>,
    pub values: Vec<String>,
}

/// Assumption: an instance that lacks the spread attribute forms one more value of its own,
/// shown as "(none)".
pub const MISSING_VALUE: &str = "(none)";

#[derive(Debug, Clone, Default)]
pub struct PlacementCache {
    generation: u64,
    member_of: HashMap<String, Vec<bool>>,
    spread: HashMap<SpreadField, SpreadIndex>,
}

impl PlacementCache {
    fn sync(&mut self, generation: u64) {
        if self.generation != generation {
            self.member_of.clear();
            self.spread.clear();
            self.generation = generation;
        }
    }

    /// Verdicts of a static memberOf expression for every instance.
    pub fn member_of(&mut self, generation: u64, instances: &[ContainerInstance], expression: &str, expr: &Expr) -> &[bool] {
        self.sync(generation);
        if !self.member_of.contains_key(expression) {
            let verdicts = instances.iter().map(|i| expr.evaluate(i)).collect();
            self.member_of.insert(expression.to_string(), verdicts);
        }
        self.member_of.get(expression).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn spread(&mut self, generation: u64, instances: &[ContainerInstance], field: &SpreadField) -> &SpreadIndex {
        self.sync(generation);
        if !self.spread.contains_key(field) {
            self.spread.insert(field.clone(), Self::index(instances, field));
        }
        static EMPTY: SpreadIndex = SpreadIndex { value_of: Vec::new(), values: Vec::new() };
        self.spread.get(field).unwrap_or(&EMPTY)
    }

    fn index(instances: &[ContainerInstance], field: &SpreadField) -> SpreadIndex {
        {
            let mut index = SpreadIndex::default();
            let mut ids: HashMap<&str, u32> = HashMap::new();
            for inst in instances {
                let value = match field {
                    SpreadField::InstanceId => inst.ec2_instance_id.as_str(),
                    SpreadField::Attribute(name) => inst.attribute(name).unwrap_or(MISSING_VALUE),
                };
                let next = ids.len() as u32;
                let id = *ids.entry(value).or_insert_with(|| {
                    index.values.push(value.to_string());
                    next
                });
                index.value_of.push(id);
            }
            index
        }
    }
}
