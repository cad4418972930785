//! Host ports on one container instance: the reserved list, static host ports taken by tasks,
//! and dynamic host ports handed out by the agent.
//!
//! Assumption (docs vs agent, see the assumptions page): the default reserved ports are the
//! documented ones, 22, 2375, 2376 and 51678-51680. Dynamic ports come from the kernel's
//! default ephemeral range 32768-60999 (what the agent reads on the ECS-optimized AMI), and
//! are picked the way agent 1.70+ does it: sequentially from the last assigned port,
//! wrapping around, never a reserved or taken one.

use std::collections::BTreeSet;

use serde::Serialize;

use super::taskdef::Protocol;

pub const DEFAULT_RESERVED_PORTS: [u16; 6] = [22, 2375, 2376, 51678, 51679, 51680];
pub const DEFAULT_DYNAMIC_RANGE: (u16, u16) = (32768, 60999);
/// "A container instance can have up to 100 reserved ports at a time. This number includes
/// the default reserved ports." Dynamic ports don't count.
pub const RESERVED_PORT_LIMIT: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostPorts {
    /// Reserved when the instance registered (tcp).
    pub reserved: Vec<u16>,
    /// Static host ports held by running tasks; they count toward the 100-port limit.
    pub static_in_use: BTreeSet<(Protocol, u16)>,
    /// Dynamic host ports held by running tasks.
    pub dynamic_in_use: BTreeSet<(Protocol, u16)>,
    pub dynamic_range: (u16, u16),
    /// Where the next dynamic search starts (the agent's `lastAssignedHostPort`).
    pub last_assigned: Option<u16>,
}

impl Default for HostPorts {
    fn default() -> Self {
        HostPorts {
            reserved: DEFAULT_RESERVED_PORTS.to_vec(),
            static_in_use: BTreeSet::new(),
            dynamic_in_use: BTreeSet::new(),
            dynamic_range: DEFAULT_DYNAMIC_RANGE,
            last_assigned: None,
        }
    }
}

/// Why a static host port cannot be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortConflict {
    /// On the instance's reserved list.
    Reserved,
    /// Held by a running task.
    InUse,
}

impl HostPorts {
    pub fn is_free(&self, port: u16, protocol: Protocol) -> bool {
        self.conflict(port, protocol).is_none()
    }

    pub fn conflict(&self, port: u16, protocol: Protocol) -> Option<PortConflict> {
        if protocol == Protocol::Tcp && self.reserved.contains(&port) {
            return Some(PortConflict::Reserved);
        }
        if self.static_in_use.contains(&(protocol, port))
            || self.dynamic_in_use.contains(&(protocol, port))
        {
            return Some(PortConflict::InUse);
        }
        None
    }

    /// Ports that count toward the 100 reserved-port limit right now.
    pub fn reserved_count(&self) -> usize {
        self.reserved.len() + self.static_in_use.len()
    }

    /// Whether `wanted` dynamic ports of the protocol can still be had. Cheap when the
    /// range is far from full (the common case, and the hot path of placement).
    pub fn has_dynamic(&self, protocol: Protocol, wanted: usize) -> bool {
        let used_anywhere =
            self.dynamic_in_use.len() + self.static_in_use.len() + self.reserved.len();
        used_anywhere + wanted <= self.dynamic_range_size() || self.dynamic_free(protocol) >= wanted
    }

    fn dynamic_range_size(&self) -> usize {
        let (lo, hi) = self.dynamic_range;
        (hi as usize + 1).saturating_sub(lo as usize)
    }

    /// Dynamic ports still free in the range, for the protocol.
    pub fn dynamic_free(&self, protocol: Protocol) -> usize {
        let (lo, hi) = self.dynamic_range;
        let size = self.dynamic_range_size();
        // Sets are ordered by (protocol, port): a range query counts only this protocol's ports.
        let range = (protocol, lo)..=(protocol, hi);
        let taken = self.dynamic_in_use.range(range.clone()).count()
            + self.static_in_use.range(range).count();
        let reserved = if protocol == Protocol::Tcp {
            self.reserved
                .iter()
                .filter(|p| **p >= lo && **p <= hi)
                .count()
        } else {
            0
        };
        size.saturating_sub(taken + reserved)
    }

    /// Picks the next dynamic port after the last one assigned, wrapping once.
    pub fn next_dynamic(&self, protocol: Protocol) -> Option<u16> {
        let (lo, hi) = self.dynamic_range;
        if lo > hi {
            return None;
        }
        let start = match self.last_assigned {
            Some(p) if p >= lo && p < hi => p + 1,
            _ => lo,
        };
        (start..=hi)
            .chain(lo..start)
            .find(|p| self.is_free(*p, protocol))
    }

    pub fn take_static(&mut self, port: u16, protocol: Protocol) {
        self.static_in_use.insert((protocol, port));
    }

    pub fn take_dynamic(&mut self, port: u16, protocol: Protocol) {
        self.dynamic_in_use.insert((protocol, port));
        self.last_assigned = Some(port);
    }

    pub fn release(&mut self, port: u16, protocol: Protocol) {
        self.static_in_use.remove(&(protocol, port));
        self.dynamic_in_use.remove(&(protocol, port));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dynamic_ports_are_sequential_and_skip_taken() {
        let mut ports = HostPorts::default();
        let a = ports.next_dynamic(Protocol::Tcp).unwrap(); // ok: test
        assert_eq!(a, 32768);
        ports.take_dynamic(a, Protocol::Tcp);
        ports.take_static(32769, Protocol::Tcp);
        assert_eq!(ports.next_dynamic(Protocol::Tcp), Some(32770));
    }

    #[test]
    fn dynamic_search_wraps_around() {
        let mut ports = HostPorts {
            dynamic_range: (100, 102),
            ..Default::default()
        };
        for p in [100, 101, 102] {
            assert_eq!(ports.next_dynamic(Protocol::Tcp), Some(p));
            ports.take_dynamic(p, Protocol::Tcp);
        }
        assert_eq!(ports.next_dynamic(Protocol::Tcp), None);
        ports.release(100, Protocol::Tcp);
        assert_eq!(ports.next_dynamic(Protocol::Tcp), Some(100));
    }

    #[test]
    fn reserved_ports_block_tcp_only() {
        let ports = HostPorts::default();
        assert_eq!(
            ports.conflict(22, Protocol::Tcp),
            Some(PortConflict::Reserved)
        );
        assert!(ports.is_free(22, Protocol::Udp));
        assert_eq!(ports.reserved_count(), 6);
    }
}
