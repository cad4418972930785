//! The decision trace: every instance, every check with its numbers, every constraint
//! verdict, each strategy's view and survivors, and the choice. The UI animates it and the
//! tests assert on it. Unlike a first-failure filter, every check runs for every instance,
//! so "why not here?" can list them all.

use std::collections::BTreeMap;

use serde::Serialize;

use super::request::TaskNeeds;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementTrace {
    pub group: String,
    pub requested: TaskNeeds,
    pub instances: Vec<InstanceEvaluation>,
    /// Instances that passed every resource check (step 1 of ECS's process).
    pub after_resources: Vec<String>,
    /// ... and every constraint (step 2).
    pub after_constraints: Vec<String>,
    /// Step 3: each strategy in order narrows the survivors.
    pub strategies: Vec<StrategyStep>,
    /// Survivors still tied after the last strategy, broken with the seeded random generator.
    pub tie_break: Vec<String>,
    pub chosen: Option<String>,
    pub failure: Option<TraceFailure>,
    /// A sentence for people: what happened and why.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceEvaluation {
    pub ec2_instance_id: String,
    pub availability_zone: String,
    pub checks: Vec<Check>,
    pub constraints: Vec<ConstraintVerdict>,
    pub passed_resources: bool,
    pub passed_constraints: bool,
}

/// One resource check on one instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// `status`, `cpu`, `gpu`, `memory`, `ports`, `reservedPortLimit`, `dynamicPorts`, `eni`.
    pub name: &'static str,
    pub requested: i64,
    pub available: i64,
    pub unit: &'static str,
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConstraintVerdict {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    pub source: super::request::ConstraintSource,
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyStep {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The strategy's view of each candidate: the spread value and its task count, or the
    /// resource left after placing for binpack.
    pub scores: Vec<StrategyScore>,
    /// spread: tasks of the group per value of the field (all instances count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<BTreeMap<String, u32>>,
    pub survivors: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyScore {
    pub ec2_instance_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceFailure {
    /// The closest-matching instance, as ECS reports it.
    pub ec2_instance_id: Option<String>,
    pub arn: Option<String>,
    pub reason: String,
    pub message: String,
}
