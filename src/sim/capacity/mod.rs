//! Cluster capacity providers: managed scaling (CapacityProviderReservation) and base/weight strategies.
//!
//! Pure arithmetic, like `autoscaling`: counts and settings in, decisions and explanations out.
//! Field names follow the ECS API (camelCase). Sources: ecs-facts.md §7 (ECSDG
//! cluster-auto-scaling, BOTO-ECS `ManagedScaling`, `AutoScalingGroupProvider`,
//! `CapacityProviderStrategyItem`, and the "Deep Dive on Amazon ECS Cluster Auto Scaling" blog).

pub mod instances_needed;
pub mod managed_scaling;
pub mod reservation;
pub mod strategy_split;
pub mod termination_protection;

use std::fmt;

/// A rejected capacity provider setting, worded like ECS's `InvalidParameterException`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityError {
    /// Where in the request: `capacityProviderStrategy[1].weight`.
    pub path: String,
    pub message: String,
}

impl CapacityError {
    pub const EXCEPTION: &'static str = "InvalidParameterException";

    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        CapacityError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for CapacityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Self::EXCEPTION, self.message)
    }
}

impl std::error::Error for CapacityError {}

/// CPU units and MiB of memory: what an instance offers or a task needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Resources {
    pub cpu: u32,
    pub memory_mib: u32,
}

impl Resources {
    pub const fn new(cpu: u32, memory_mib: u32) -> Self {
        Resources { cpu, memory_mib }
    }

    pub fn fits_in(&self, free: &Resources) -> bool {
        self.cpu <= free.cpu && self.memory_mib <= free.memory_mib
    }

    /// `self - used`; the caller checks `used.fits_in(self)` first.
    pub fn minus(&self, used: &Resources) -> Resources {
        Resources {
            cpu: self.cpu.saturating_sub(used.cpu),
            memory_mib: self.memory_mib.saturating_sub(used.memory_mib),
        }
    }
}
