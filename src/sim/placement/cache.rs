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
    /// Tasks of a group per spread value (group -> field -> count per value), kept up to date
    /// as tasks start and stop instead of being summed over every instance per placement.
    spread_counts: HashMap<String, HashMap<SpreadField, Vec<u32>>>,
}

impl PlacementCache {
    fn sync(&mut self, generation: u64) {
        if self.generation != generation {
            self.member_of.clear();
            self.spread.clear();
            self.spread_counts.clear();
            self.generation = generation;
        }
    }

    /// Verdicts of a static memberOf expression for every instance.
    pub fn member_of(
        &mut self,
        generation: u64,
        instances: &[ContainerInstance],
        expression: &str,
        expr: &Expr,
    ) -> &[bool] {
        self.sync(generation);
        if !self.member_of.contains_key(expression) {
            let verdicts = instances.iter().map(|i| expr.evaluate(i)).collect();
            self.member_of.insert(expression.to_string(), verdicts);
        }
        self.member_of
            .get(expression)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn spread(
        &mut self,
        generation: u64,
        instances: &[ContainerInstance],
        field: &SpreadField,
    ) -> &SpreadIndex {
        self.sync(generation);
        if !self.spread.contains_key(field) {
            self.spread
                .insert(field.clone(), Self::index(instances, field));
        }
        static EMPTY: SpreadIndex = SpreadIndex {
            value_of: Vec::new(),
            values: Vec::new(),
        };
        self.spread.get(field).unwrap_or(&EMPTY)
    }

    /// The spread index of `field` and the group's task count per value.
    pub fn spread_counts(
        &mut self,
        generation: u64,
        instances: &[ContainerInstance],
        group: &str,
        group_counts: &[u32],
        field: &SpreadField,
    ) -> (&SpreadIndex, &[u32]) {
        self.spread(generation, instances, field);
        let known = self
            .spread_counts
            .get(group)
            .map(|m| m.contains_key(field))
            .unwrap_or(false);
        if !known {
            let mut per_value =
                vec![0u32; self.spread.get(field).map(|i| i.values.len()).unwrap_or(0)];
            if let Some(index) = self.spread.get(field) {
                for (count, v) in group_counts.iter().zip(&index.value_of) {
                    if let Some(slot) = per_value.get_mut(*v as usize) {
                        *slot += count;
                    }
                }
            }
            self.spread_counts
                .entry(group.to_string())
                .or_default()
                .insert(field.clone(), per_value);
        }
        static EMPTY: SpreadIndex = SpreadIndex {
            value_of: Vec::new(),
            values: Vec::new(),
        };
        let index = self.spread.get(field).unwrap_or(&EMPTY);
        let counts = self
            .spread_counts
            .get(group)
            .and_then(|m| m.get(field))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        (index, counts)
    }

    /// A task of `group` started (+1) or stopped (-1) on instance `instance`.
    pub fn on_task_change(&mut self, group: &str, instance: usize, started: bool) {
        let Some(fields) = self.spread_counts.get_mut(group) else {
            return;
        };
        for (field, counts) in fields.iter_mut() {
            let value = self
                .spread
                .get(field)
                .and_then(|i| i.value_of.get(instance))
                .copied();
            if let Some(slot) = value.and_then(|v| counts.get_mut(v as usize)) {
                *slot = if started {
                    *slot + 1
                } else {
                    slot.saturating_sub(1)
                };
            }
        }
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
