//! Capacity provider strategy: which provider each new task goes to (base, then weight).
//!
//! "Base requirements are satisfied first before weight distribution." "If capacityProviderA
//! has weight 1 and capacityProviderB has weight 4, then for every 1 task on A, 4 tasks will run
//! on B." (BOTO-ECS `CapacityProviderStrategyItem`)

use serde::Deserialize;

use super::CapacityError;

/// "You can specify a maximum of 20 capacity providers" (current API; older docs said 6, D13).
pub const MAX_STRATEGY_ITEMS: usize = 20;
pub const MAX_WEIGHT: i64 = 1_000;
pub const MAX_BASE: i64 = 100_000;

/// The ECS `CapacityProviderStrategyItem` shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderStrategyItem {
    pub capacity_provider: Option<String>,
    pub weight: Option<i64>,
    pub base: Option<i64>,
}

/// One checked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyItem {
    pub capacity_provider: String,
    /// Default 0 ("If no value is specified, the default value of 0 is used"; the console uses 1).
    pub weight: u32,
    /// Default 0.
    pub base: u32,
}

/// A checked capacity provider strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityProviderStrategy {
    items: Vec<StrategyItem>,
}

impl CapacityProviderStrategy {
    pub fn items(&self) -> &[StrategyItem] {
        &self.items
    }

    /// Checks a `capacityProviderStrategy` list.
    pub fn from_items(items: &[CapacityProviderStrategyItem]) -> Result<Self, CapacityError> {
        const PATH: &str = "capacityProviderStrategy";
        if items.is_empty() {
            return Err(CapacityError::new(
                PATH,
                "The capacity provider strategy must contain at least one capacity provider.",
            ));
        }
        if items.len() > MAX_STRATEGY_ITEMS {
            return Err(CapacityError::new(
                PATH,
                format!(
                    "The capacity provider strategy can contain a maximum of {MAX_STRATEGY_ITEMS} capacity providers ({} given).",
                    items.len()
                ),
            ));
        }
        let mut checked: Vec<StrategyItem> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = |field: &str| format!("{PATH}[{i}].{field}");
            let name = match item.capacity_provider.as_deref() {
                Some(n) if !n.is_empty() => n.to_string(),
                _ => {
                    return Err(CapacityError::new(
                        at("capacityProvider"),
                        "capacityProvider is required.",
                    ))
                }
            };
            if checked.iter().any(|c| c.capacity_provider == name) {
                return Err(CapacityError::new(
                    at("capacityProvider"),
                    format!("The capacity provider strategy contains duplicate capacity provider '{name}'."),
                ));
            }
            let weight = item.weight.unwrap_or(0);
            if !(0..=MAX_WEIGHT).contains(&weight) {
                return Err(CapacityError::new(
                    at("weight"),
                    format!("The weight of capacity provider '{name}' must be between 0 and {MAX_WEIGHT} (got {weight})."),
                ));
            }
            let base = item.base.unwrap_or(0);
            if !(0..=MAX_BASE).contains(&base) {
                return Err(CapacityError::new(
                    at("base"),
                    format!("The base of capacity provider '{name}' must be between 0 and {MAX_BASE} (got {base})."),
                ));
            }
            // ok: both were range-checked to fit in u32 just above.
            checked.push(StrategyItem {
                capacity_provider: name,
                weight: weight as u32,
                base: base as u32,
            });
        }
        // "Only one capacity provider in a capacity provider strategy can have a base defined."
        // Assumption: "defined" means a base above 0 (an explicit 0 is the default).
        let with_base: Vec<usize> = (0..checked.len())
            .filter(|&i| checked[i].base > 0)
            .collect();
        if with_base.len() > 1 {
            return Err(CapacityError::new(
                format!("{PATH}[{}].base", with_base[1]),
                format!(
                    "Only one capacity provider in a capacity provider strategy can have a base defined ('{}' and '{}' both do).",
                    checked[with_base[0]].capacity_provider, checked[with_base[1]].capacity_provider
                ),
            ));
        }
        // "When multiple capacity providers are specified within a capacity provider strategy,
        // at least one of the capacity providers must have a weight value greater than zero".
        // Assumption: a single provider with weight 0 is accepted and takes every task.
        if checked.len() > 1 && checked.iter().all(|c| c.weight == 0) {
            return Err(CapacityError::new(
                PATH,
                "When multiple capacity providers are specified within a capacity provider strategy, at least one of \
                 the capacity providers must have a weight value greater than zero. A capacity provider strategy whose \
                 capacity providers all have a weight of 0 can't be used to place tasks.",
            ));
        }
        Ok(CapacityProviderStrategy { items: checked })
    }

    /// The provider (index into `items()`) for each of `new_tasks` tasks, in launch order,
    /// given the tasks each provider already runs for this service (`running[i]` for item i).
    ///
    /// Bases first: while the provider with a base runs fewer than `base` tasks, tasks go
    /// there. Then each task goes to the provider furthest below its weighted share of the
    /// tasks beyond the bases; providers with weight 0 get none.
    ///
    /// Assumption (D10, the remainder rounding is not documented): "largest deficit first,
    /// ties by list order" — the deficit of provider i is weight_i / Σweight × (T + 1) − count_i,
    /// where count_i is its tasks beyond its base and T the total of those. With 1:4 and ten
    /// new tasks this gives B, B, A, B, B, B, B, A, B, B: 2 on A and 8 on B.
    pub fn assign(&self, running: &[u32], new_tasks: u32) -> Result<Vec<usize>, CapacityError> {
        if running.len() != self.items.len() {
            return Err(CapacityError::new(
                "capacityProviderStrategy",
                format!(
                    "running counts are given for {} capacity providers but the strategy has {}",
                    running.len(),
                    self.items.len()
                ),
            ));
        }
        let mut counts: Vec<u64> = running.iter().map(|&c| u64::from(c)).collect();
        let single_unweighted = self.items.len() == 1 && self.items[0].weight == 0;
        let weight = |i: usize| {
            if single_unweighted {
                1
            } else {
                u64::from(self.items[i].weight)
            }
        };
        let total_weight: u64 = (0..self.items.len()).map(weight).sum();
        let base_item = self.items.iter().position(|item| item.base > 0);
        let mut assignment = Vec::with_capacity((new_tasks as usize).min(1 << 16));
        for _ in 0..new_tasks {
            if let Some(b) = base_item {
                if counts[b] < u64::from(self.items[b].base) {
                    counts[b] += 1;
                    assignment.push(b);
                    continue;
                }
            }
            let beyond_base = |i: usize| counts[i].saturating_sub(u64::from(self.items[i].base));
            let total_beyond: u64 = (0..self.items.len())
                .filter(|&i| weight(i) > 0)
                .map(beyond_base)
                .sum();
            // Deficits scaled by Σweight to stay in integers: w_i × (T + 1) − Σw × c_i.
            let chosen = (0..self.items.len())
                .filter(|&i| weight(i) > 0)
                .map(|i| {
                    let share = i128::from(weight(i)) * i128::from(total_beyond + 1);
                    (
                        i,
                        share - i128::from(total_weight) * i128::from(beyond_base(i)),
                    )
                })
                // The largest deficit; on a tie the earlier item (max_by keeps the last maximum,
                // so compare indexes in reverse).
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i);
            match chosen {
                Some(i) => {
                    counts[i] += 1;
                    assignment.push(i);
                }
                // Unreachable after validation (some weight is above 0); stop rather than loop.
                None => break,
            }
        }
        Ok(assignment)
    }

    /// How many of `new_tasks` each provider gets (same order as `items()`).
    pub fn split(&self, running: &[u32], new_tasks: u32) -> Result<Vec<u32>, CapacityError> {
        let mut counts = vec![0u32; self.items.len()];
        for i in self.assign(running, new_tasks)? {
            counts[i] += 1;
        }
        Ok(counts)
    }

    /// `FARGATE 2 (base 2), FARGATE_SPOT 8 (weight 4)`: a split as the UI shows it.
    pub fn describe_split(&self, counts: &[u32]) -> String {
        self.items
            .iter()
            .zip(counts)
            .map(|(item, n)| {
                let mut parts = Vec::new();
                if item.base > 0 {
                    parts.push(format!("base {}", item.base));
                }
                parts.push(format!("weight {}", item.weight));
                format!("{} {n} ({})", item.capacity_provider, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
