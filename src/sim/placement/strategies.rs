//! Step 3: placement strategies, applied in list order. Each keeps the best candidates by its
//! own measure and hands them to the next; strategies are best effort, so they only rank the
//! candidates that passed steps 1 and 2 and never empty the list.

use std::collections::BTreeMap;

use crate::sim::rng::SimRng;
use rand::RngExt;

use crate::sim::instance::ContainerInstance;

use super::cache::PlacementCache;
use super::request::{BinpackField, SpreadField, Strategy, TaskNeeds};
use super::trace::{StrategyScore, StrategyStep};

/// What a strategy needs to see of the cluster.
pub struct StrategyInput<'a> {
    pub instances: &'a [ContainerInstance],
    pub capacity: &'a [super::capacity::Capacity],
    /// Tasks of the group being placed, per instance (empty when the group has none yet).
    pub group_counts: &'a [u32],
    pub group: &'a str,
    pub needs: &'a TaskNeeds,
    pub generation: u64,
}

/// Narrows `candidates` (instance indexes) in place; returns the trace step if asked.
pub fn apply(
    strategy: &Strategy,
    input: &StrategyInput,
    cache: &mut PlacementCache,
    rng: &mut SimRng,
    candidates: &mut Vec<usize>,
    detail: bool,
) -> Option<StrategyStep> {
    match strategy {
        Strategy::Spread(field) => spread(field, input, cache, candidates, detail),
        Strategy::Binpack(field) => binpack(*field, input, candidates, detail),
        Strategy::Random => {
            let before = if detail {
                ids(input.instances, candidates)
            } else {
                Vec::new()
            };
            if candidates.len() > 1 {
                let pick = candidates[rng.random_range(0..candidates.len())];
                candidates.clear();
                candidates.push(pick);
            }
            detail.then(|| StrategyStep {
                kind: "random",
                field: None,
                scores: before
                    .iter()
                    .map(|id| StrategyScore {
                        ec2_instance_id: id.clone(),
                        value: None,
                        score: 0,
                    })
                    .collect(),
                counts: None,
                survivors: ids(input.instances, candidates),
                message: format!(
                    "picked one of {} candidates at random (seeded)",
                    before.len()
                ),
            })
        }
    }
}

fn spread(
    field: &SpreadField,
    input: &StrategyInput,
    cache: &mut PlacementCache,
    candidates: &mut Vec<usize>,
    detail: bool,
) -> Option<StrategyStep> {
    // Tasks of the group per value, over every instance: spread balances the whole group.
    let (index, per_value) = cache.spread_counts(
        input.generation,
        input.instances,
        input.group,
        input.group_counts,
        field,
    );
    let score = |i: usize| {
        index
            .value_of
            .get(i)
            .and_then(|v| per_value.get(*v as usize))
            .copied()
            .unwrap_or(0)
    };
    let before = if detail {
        candidates.clone()
    } else {
        Vec::new()
    };
    let best = keep_lowest(candidates, score);
    detail.then(|| {
        let name = match field {
            SpreadField::InstanceId => "instanceId".to_string(),
            SpreadField::Attribute(a) => format!("attribute:{a}"),
        };
        let mut counts = BTreeMap::new();
        for i in &before {
            if let Some(v) = index.value_of.get(*i) {
                counts.insert(index.values[*v as usize].clone(), per_value[*v as usize]);
            }
        }
        StrategyStep {
            kind: "spread",
            field: Some(name.clone()),
            scores: before
                .iter()
                .map(|i| StrategyScore {
                    ec2_instance_id: input.instances[*i].ec2_instance_id.clone(),
                    value: index.value_of.get(*i).map(|v| index.values[*v as usize].clone()),
                    score: score(*i) as i64,
                })
                .collect(),
            message: format!(
                "spread by {name}: kept the candidates whose value has the fewest tasks of the group ({best})"
            ),
            counts: Some(counts),
            survivors: ids(input.instances, candidates),
        }
    })
}

fn binpack(
    field: BinpackField,
    input: &StrategyInput,
    candidates: &mut Vec<usize>,
    detail: bool,
) -> Option<StrategyStep> {
    let left = |i: usize| {
        let (cpu, memory) = match input.capacity.get(i) {
            Some(c) => (c.cpu, c.memory),
            None => (
                input.instances[i].remaining.cpu,
                input.instances[i].remaining.memory,
            ),
        };
        match field {
            BinpackField::Cpu => cpu as i64 - input.needs.cpu as i64,
            BinpackField::Memory => memory as i64 - input.needs.memory as i64,
        }
    };
    let before = if detail {
        candidates.clone()
    } else {
        Vec::new()
    };
    let best = keep_lowest(candidates, left);
    detail.then(|| {
        let (name, unit) = match field {
            BinpackField::Cpu => ("cpu", "CPU units"),
            BinpackField::Memory => ("memory", "MiB"),
        };
        StrategyStep {
            kind: "binpack",
            field: Some(name.into()),
            scores: before
                .iter()
                .map(|i| StrategyScore {
                    ec2_instance_id: input.instances[*i].ec2_instance_id.clone(),
                    value: None,
                    score: left(*i),
                })
                .collect(),
            counts: None,
            survivors: ids(input.instances, candidates),
            message: format!("binpack {name}: kept the candidates with the least {name} left after placing ({best} {unit})"),
        }
    })
}

/// Keeps the candidates with the lowest score, in one pass; returns that score.
fn keep_lowest<S: Ord + Copy + Default>(
    candidates: &mut Vec<usize>,
    score: impl Fn(usize) -> S,
) -> S {
    let mut best: Option<S> = None;
    let mut kept = 0;
    for k in 0..candidates.len() {
        let i = candidates[k];
        let s = score(i);
        match best {
            Some(b) if s > b => continue,
            Some(b) if s == b => {}
            _ => {
                best = Some(s);
                kept = 0;
            }
        }
        candidates[kept] = i;
        kept += 1;
    }
    candidates.truncate(kept);
    best.unwrap_or_default()
}

pub fn ids(instances: &[ContainerInstance], indexes: &[usize]) -> Vec<String> {
    indexes
        .iter()
        .map(|i| instances[*i].ec2_instance_id.clone())
        .collect()
}
