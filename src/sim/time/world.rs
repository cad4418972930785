//! The parts of the simulation one service's scheduler works with, borrowed apart from the
//! list of services so that a service and the cluster can change together.

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::cluster::Cluster;
use crate::sim::rng::SimRng;

use super::asg_provider::AsgProvider;
use super::clock::Clock;
use super::health::AppBehaviour;

pub struct World<'a> {
    pub cluster: &'a mut Cluster,
    pub clock: Clock,
    pub providers: &'a [AsgProvider],
    /// How the application of each task definition (by index) behaves.
    pub apps: &'a BTreeMap<usize, AppBehaviour>,
    /// Task groups of DAEMON services: their tasks don't make an instance busy.
    pub daemon_groups: &'a BTreeSet<String>,
    /// The simulation's own generator (the cluster's stays for placement decisions).
    pub rng: &'a mut SimRng,
    /// Elastic network interfaces handed to Fargate tasks so far.
    pub fargate_enis: &'a mut u32,
}

impl World<'_> {
    pub fn now(&self) -> i64 {
        self.clock.now
    }

    pub fn provider(&self, name: &str) -> Option<&AsgProvider> {
        self.providers.iter().find(|p| p.name == name)
    }

    pub fn app(&self, td_index: usize) -> AppBehaviour {
        self.apps.get(&td_index).copied().unwrap_or_default()
    }

    /// Non-daemon tasks (standalone tasks included) running on instance `index`.
    pub fn non_daemon_tasks_on(&self, index: usize) -> usize {
        self.cluster
            .instances
            .get(index)
            .map(|inst| {
                inst.task_groups
                    .iter()
                    .filter(|g| !self.daemon_groups.contains(*g))
                    .count()
            })
            .unwrap_or(0)
    }
}
