//! Choosing an instance for one task, in ECS's documented order:
//! 1. instances with the CPU, GPU, memory and ports the task needs ([`checks`]);
//! 2. instances that satisfy the placement constraints ([`constraints`]);
//! 3. the placement strategies, in order, each narrowing the survivors ([`strategies`]);
//! 4. the choice (ties broken with the seeded random generator).
//!
//! With `detail` on, every instance and every check is recorded in a [`PlacementTrace`].

pub mod cache;
pub mod capacity;
pub mod checks;
pub mod constraints;
pub mod request;
pub mod strategies;
pub mod trace;

use crate::sim::rng::SimRng;
use rand::RngExt;

use crate::sim::instance::ContainerInstance;

pub use cache::PlacementCache;

pub use request::{
    BinpackField, Constraint, ConstraintSource, PlacementRequest, SpreadField, Strategy, TaskNeeds,
};
pub use trace::PlacementTrace;

use trace::{InstanceEvaluation, TraceFailure};

/// The cluster as placement sees it.
pub struct ClusterView<'a> {
    pub instances: &'a [ContainerInstance],
    /// What each instance has free, in the same order (see [`capacity`]).
    pub capacity: &'a [capacity::Capacity],
    /// Tasks of the request's group per instance (may be empty: no task of the group yet).
    pub group_counts: &'a [u32],
    /// Changes whenever an instance or its attributes change (cache key).
    pub generation: u64,
}

/// The instance that came closest so far, for the failure reason.
struct Closest {
    instance: usize,
    /// Smaller is closer: (unavailable, failed resource checks, constraints not met).
    key: (bool, u32, u32),
    failed: checks::Failed,
    /// The first constraint it did not meet.
    first_unmet: Option<usize>,
}

/// Why a task was not placed: ECS's reason, for the closest-matching instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementFailure {
    pub instance: Option<usize>,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct PlacementOutcome {
    pub chosen: Result<usize, PlacementFailure>,
    pub trace: Option<PlacementTrace>,
    /// Without a trace: what the next task of the same request can start from.
    pub carry: Option<Carry>,
}

/// The candidates of one placement (before the strategies) and where the task went. The next
/// task of the same request sees the same cluster except for that one instance, so it
/// re-checks only that instance instead of all of them (RunTask places up to 10 in a row).
#[derive(Debug, Clone)]
pub struct Carry {
    candidates: Vec<usize>,
    chosen: usize,
    generation: u64,
}

pub fn place(
    view: &ClusterView,
    request: &PlacementRequest,
    cache: &mut PlacementCache,
    rng: &mut SimRng,
    detail: bool,
    carry: Option<&Carry>,
) -> PlacementOutcome {
    let instances = view.instances;
    let count_here = |i: usize| view.group_counts.get(i).copied().unwrap_or(0);
    let mut evaluations = Vec::new();
    let mut after_resources = Vec::new();
    let mut candidates = Vec::with_capacity(instances.len());
    // Closest match for the failure reason: the instance that got furthest through the steps
    // (an available instance first, then fewest failed resource checks, then most
    // constraints met); the first such instance in registration order.
    let mut closest: Option<Closest> = None;

    // Without a trace, a tight first pass finds the candidates from the compact view; the
    // full pass below runs only when it finds none (to name the closest match).
    if !detail {
        match carry.filter(|c| c.generation == view.generation) {
            Some(c) => {
                let dynamic = dynamic_constraints(request);
                candidates.extend(
                    c.candidates
                        .iter()
                        .copied()
                        .filter(|&i| i != c.chosen || instance_ok(view, request, &dynamic, i)),
                );
            }
            None => fast_candidates(view, request, cache, &mut candidates),
        }
    }
    let before_strategies = if detail {
        Vec::new()
    } else {
        candidates.clone()
    };
    let full_pass = detail || candidates.is_empty();
    // Static memberOf verdicts come from the cache; copied out for the full pass.
    let static_verdicts: Vec<Option<Vec<bool>>> = request
        .constraints
        .iter()
        .map(|c| match c {
            Constraint::MemberOf {
                expression, expr, ..
            } if full_pass && expr.is_static() => Some(
                cache
                    .member_of(view.generation, instances, expression, expr)
                    .to_vec(),
            ),
            _ => None,
        })
        .collect();
    for (i, inst) in instances.iter().enumerate().filter(|_| full_pass) {
        // Fast path: most instances obviously fit; run the full checks only when tracing or
        // when the compact view cannot tell.
        let quick = if detail {
            None
        } else {
            view.capacity
                .get(i)
                .and_then(|c| c.quick_check(&request.needs))
        };
        let (failed, checks) = match quick {
            Some(failed) => (failed, Vec::new()),
            None => checks::check_resources(inst, &request.needs, detail),
        };
        let here = count_here(i);
        let mut constraints_ok = true;
        let mut constraints_met = 0u32;
        let mut first_unmet: Option<usize> = None;
        let mut verdicts = Vec::new();
        // Constraints are evaluated on every instance, even one that failed a resource check,
        // so "why not here?" shows everything (and the closest match is well defined).
        for (k, (c, cached)) in request.constraints.iter().zip(&static_verdicts).enumerate() {
            let ok = constraints::satisfies(
                c,
                inst,
                here,
                cached.as_ref().and_then(|v| v.get(i).copied()),
            );
            if ok {
                constraints_met += 1;
            } else {
                constraints_ok = false;
                first_unmet.get_or_insert(k);
            }
            if detail {
                verdicts.push(constraints::verdict(c, inst, &request.group, here, ok));
            }
        }
        if failed.none() {
            after_resources.push(i);
            if constraints_ok {
                candidates.push(i);
            }
        }
        if !(failed.none() && constraints_ok) {
            let key = (
                failed.status_only(),
                failed.count(),
                u32::MAX - constraints_met,
            );
            if closest.as_ref().map(|best| key < best.key).unwrap_or(true) {
                closest = Some(Closest {
                    instance: i,
                    key,
                    failed,
                    first_unmet,
                });
            }
        }
        if detail {
            evaluations.push(InstanceEvaluation {
                ec2_instance_id: inst.ec2_instance_id.clone(),
                availability_zone: inst.availability_zone.clone(),
                checks,
                constraints: verdicts,
                passed_resources: failed.none(),
                passed_constraints: constraints_ok,
            });
        }
    }

    let after_constraints = if detail {
        strategies::ids(instances, &candidates)
    } else {
        Vec::new()
    };
    let input = strategies::StrategyInput {
        instances,
        capacity: view.capacity,
        group_counts: view.group_counts,
        group: &request.group,
        needs: &request.needs,
        generation: view.generation,
    };
    let mut steps = Vec::new();
    if !candidates.is_empty() {
        for strategy in &request.strategies {
            if let Some(step) =
                strategies::apply(strategy, &input, cache, rng, &mut candidates, detail)
            {
                steps.push(step);
            }
        }
    }
    let tie_break = if detail && candidates.len() > 1 {
        strategies::ids(instances, &candidates)
    } else {
        Vec::new()
    };
    let chosen = match candidates.len() {
        0 => None,
        1 => Some(candidates[0]),
        n => Some(candidates[rng.random_range(0..n)]),
    };

    let result = match chosen {
        Some(i) => Ok(i),
        None => Err(match closest {
            Some(Closest {
                instance: i,
                failed,
                first_unmet: unmet,
                ..
            }) => {
                let reason = if failed.none() {
                    unmet
                        .and_then(|k| request.constraints.get(k))
                        .map(Constraint::failure_reason)
                        .unwrap_or_default()
                } else {
                    failed.reason()
                };
                PlacementFailure {
                    instance: Some(i),
                    reason: reason.to_string(),
                }
            }
            None => PlacementFailure {
                instance: None,
                reason: "No Container Instances were found in your cluster.".into(),
            },
        }),
    };
    let trace = detail.then(|| {
        let failure = result.as_ref().err().map(|f| {
            let inst = f.instance.and_then(|i| instances.get(i));
            TraceFailure {
                ec2_instance_id: inst.map(|x| x.ec2_instance_id.clone()),
                arn: inst.map(|x| x.container_instance_arn.clone()),
                reason: f.reason.clone(),
                message: failure_message(inst, &f.reason),
            }
        });
        let summary = match (&result, &failure) {
            (Ok(i), _) => {
                let inst = &instances[*i];
                format!(
                    "Placed on {} in {}: {} of {} instances had the resources, {} met the constraints{}.",
                    inst.ec2_instance_id,
                    inst.availability_zone,
                    after_resources.len(),
                    instances.len(),
                    after_constraints.len(),
                    if steps.is_empty() { String::new() } else { ", then the strategies narrowed them".into() }
                )
            }
            (_, Some(f)) => f.message.clone(),
            _ => String::new(),
        };
        PlacementTrace {
            group: request.group.clone(),
            requested: request.needs.clone(),
            instances: evaluations,
            after_resources: strategies::ids(instances, &after_resources),
            after_constraints,
            strategies: steps,
            tie_break,
            chosen: chosen.map(|i| instances[i].ec2_instance_id.clone()),
            failure,
            summary,
        }
    });
    let carry = match (&result, detail) {
        (Ok(chosen), false) => Some(Carry {
            candidates: before_strategies,
            chosen: *chosen,
            generation: view.generation,
        }),
        _ => None,
    };
    PlacementOutcome {
        chosen: result,
        trace,
        carry,
    }
}

/// Candidates without recording anything: resources from the compact capacity view (full
/// checks only where it cannot tell), then constraints.
fn fast_candidates(
    view: &ClusterView,
    request: &PlacementRequest,
    cache: &mut PlacementCache,
    out: &mut Vec<usize>,
) {
    // The static memberOf verdicts folded into one mask, so the loop reads one bool.
    let mut mask = vec![true; view.capacity.len()];
    for c in &request.constraints {
        if let Constraint::MemberOf {
            expression, expr, ..
        } = c
        {
            if expr.is_static() {
                let verdicts = cache.member_of(view.generation, view.instances, expression, expr);
                for (m, v) in mask.iter_mut().zip(verdicts) {
                    *m &= *v;
                }
            }
        }
    }
    let dynamic = dynamic_constraints(request);
    out.extend(
        (0..view.capacity.len()).filter(|&i| mask[i] && instance_ok(view, request, &dynamic, i)),
    );
}

/// Constraints whose verdict can change as tasks start and stop (not cached).
fn dynamic_constraints(request: &PlacementRequest) -> Vec<&Constraint> {
    request
        .constraints
        .iter()
        .filter(|c| !matches!(c, Constraint::MemberOf { expr, .. } if expr.is_static()))
        .collect()
}

/// Resources (from the compact view where it can tell) and the non-static constraints of one
/// instance.
fn instance_ok(
    view: &ClusterView,
    request: &PlacementRequest,
    dynamic: &[&Constraint],
    i: usize,
) -> bool {
    let fits = match view
        .capacity
        .get(i)
        .and_then(|cap| cap.quick_fits(&request.needs))
    {
        Some(fits) => fits,
        None => view
            .instances
            .get(i)
            .map(|inst| {
                checks::check_resources(inst, &request.needs, false)
                    .0
                    .none()
            })
            .unwrap_or(false),
    };
    if !fits {
        return false;
    }
    if dynamic.is_empty() {
        return true;
    }
    let here = view.group_counts.get(i).copied().unwrap_or(0);
    view.instances
        .get(i)
        .map(|inst| {
            dynamic
                .iter()
                .all(|c| constraints::satisfies(c, inst, here, None))
        })
        .unwrap_or(false)
}

/// What the closest-matching instance lacks, in the words of ECS's service events
/// ("has insufficient memory available"); shared by RunTask failures and service events.
pub fn closest_shortfall(reason: &str) -> &'static str {
    match reason {
        "RESOURCE:CPU" => "has insufficient CPU units available",
        "RESOURCE:MEMORY" => "has insufficient memory available",
        "RESOURCE:GPU" => "has insufficient GPUs available",
        "RESOURCE:PORTS" => "is already using a port required by your task",
        "RESOURCE:ENI" => "has no elastic network interface left for an awsvpc task",
        "AGENT" => "is not available (its agent is disconnected or it is draining)",
        r if r.starts_with("MemberOf") => "does not satisfy the memberOf placement constraint",
        r if r.starts_with("DistinctInstance") => {
            "already runs a task of this group (distinctInstance)"
        }
        _ => "does not meet the task's requirements",
    }
}

/// The service-event style sentence for a task that could not be placed.
pub fn failure_message(closest: Option<&ContainerInstance>, reason: &str) -> String {
    let Some(inst) = closest else {
        return "No container instance is registered in the cluster.".into();
    };
    let what = closest_shortfall(reason);
    format!(
        "Unable to place a task because no container instance met all of its requirements. The closest matching container-instance {} {what}.",
        inst.ec2_instance_id
    )
}
