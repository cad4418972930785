//! Host ports on one container instance: the reserved list, static host ports taken by tasks,
//! and dynamic host ports handed out by the agent.
//!
//! Assumption (docs vs agent, see the assumptions page): the default reserved ports are the
//! documented ones, 22, 2375, 2376 and 51678-51680. Dynamic ports come from the kernel's
//! default ephemeral range 32768-60999 (what the agent reads on the ECS-optimized AMI), and
//! are picked the way agent 1.70+ does it: sequentially from the last assigned port,
//! wrapping around, never a reserved or taken one; a `containerPortRange` takes the first
//! run of as many contiguous free ports, searched the same way.

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

    /// Where the agent's next search starts: after the last port it assigned, or at the
    /// start of the range (also once the last one was the range's end).
    fn search_start(&self) -> u16 {
        let (lo, hi) = self.dynamic_range;
        match self.last_assigned {
            Some(p) if p >= lo && p < hi => p + 1,
            _ => lo,
        }
    }

    /// Picks the next dynamic port after the last one assigned, wrapping once.
    pub fn next_dynamic(&self, protocol: Protocol) -> Option<u16> {
        let (lo, hi) = self.dynamic_range;
        if lo > hi {
            return None;
        }
        let start = self.search_start();
        (start..=hi)
            .chain(lo..start)
            .find(|p| self.is_free(*p, protocol))
    }

    /// The first of `len` contiguous free dynamic ports, searched like the agent does for a
    /// `containerPortRange`: from after the last assigned port to the end of the range, then
    /// from its start (a run never wraps past the end).
    pub fn next_dynamic_run(&self, protocol: Protocol, len: u16) -> Option<u16> {
        let (lo, hi) = self.dynamic_range;
        let len = u32::from(len.max(1));
        if lo > hi || u32::from(hi) + 1 < u32::from(lo) + len {
            return None;
        }
        let last_start = (u32::from(hi) + 1 - len) as u16;
        let start = self.search_start();
        let run_from = |first: u16, stop: u16| -> Option<u16> {
            // Next-fit: a taken port inside a candidate run moves the search past it.
            let mut s = u32::from(first);
            while s <= u32::from(stop) {
                match (s..s + len).find(|p| !self.is_free(*p as u16, protocol)) {
                    None => return Some(s as u16),
                    Some(taken) => s = taken + 1,
                }
            }
            None
        };
        run_from(start.min(last_start.saturating_add(1)), last_start)
            .or_else(|| run_from(lo, last_start.min(start)))
    }

    /// The longest run of free dynamic ports (what a `containerPortRange` can still get).
    /// Measured from the gaps between taken ports, not port by port: a trace asks this of
    /// every instance for every task.
    pub fn longest_dynamic_run(&self, protocol: Protocol) -> usize {
        let (lo, hi) = self.dynamic_range;
        if lo > hi {
            return 0;
        }
        let range = (protocol, lo)..=(protocol, hi);
        let mut taken: Vec<u16> = self
            .dynamic_in_use
            .range(range.clone())
            .chain(self.static_in_use.range(range))
            .map(|(_, p)| *p)
            .collect();
        if protocol == Protocol::Tcp {
            taken.extend(
                self.reserved
                    .iter()
                    .copied()
                    .filter(|p| (lo..=hi).contains(p)),
            );
        }
        // The shared sort: `sort_unstable` would compile a copy of its own (~2.5 KB gzip).
        crate::sim::sorting::sort(&mut taken);
        let mut best = 0;
        let mut next_free = u32::from(lo);
        for p in taken {
            best = best.max((u32::from(p)).saturating_sub(next_free) as usize);
            next_free = next_free.max(u32::from(p) + 1);
        }
        best.max((u32::from(hi) + 1).saturating_sub(next_free) as usize)
    }

    /// Whether the agent could hand out these dynamic ports and runs, in this order
    /// (single ports first, then each range), on this instance as it is now.
    pub fn can_assign(&self, singles: &[Protocol], runs: &[(Protocol, u16)]) -> bool {
        let mut ports = self.clone();
        for &protocol in singles {
            match ports.next_dynamic(protocol) {
                Some(p) => ports.take_dynamic(p, protocol),
                None => return false,
            }
        }
        for &(protocol, len) in runs {
            match ports.next_dynamic_run(protocol, len) {
                Some(first) => ports.take_dynamic_run(first, len, protocol),
                None => return false,
            }
        }
        true
    }

    /// Takes `len` dynamic ports from `first` on.
    pub fn take_dynamic_run(&mut self, first: u16, len: u16, protocol: Protocol) {
        for k in 0..len.max(1) {
            self.take_dynamic(first.saturating_add(k), protocol);
        }
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
    fn a_run_is_contiguous_next_fit_and_wraps_to_the_start() {
        let mut ports = HostPorts {
            dynamic_range: (100, 119),
            ..Default::default()
        };
        // A taken port inside the first candidate run moves the run past it.
        ports.take_static(103, Protocol::Tcp);
        assert_eq!(ports.next_dynamic_run(Protocol::Tcp, 5), Some(104));
        ports.take_dynamic_run(104, 5, Protocol::Tcp);
        assert_eq!(ports.last_assigned, Some(108));
        // Next-fit: after 108, not back at the free 100-102.
        assert_eq!(ports.next_dynamic_run(Protocol::Tcp, 3), Some(109));
        ports.take_dynamic_run(109, 10, Protocol::Tcp);
        // 119 was the last: the search starts again at 100, and 100-102 is the only run.
        assert_eq!(ports.longest_dynamic_run(Protocol::Tcp), 3);
        assert_eq!(ports.next_dynamic_run(Protocol::Tcp, 3), Some(100));
        assert_eq!(ports.next_dynamic_run(Protocol::Tcp, 4), None);
        // Other protocols have their own ports.
        assert_eq!(ports.next_dynamic_run(Protocol::Udp, 20), Some(100));
        assert_eq!(ports.next_dynamic_run(Protocol::Udp, 21), None);
    }

    #[test]
    fn the_longest_run_is_the_widest_gap_between_taken_ports() {
        let mut ports = HostPorts {
            dynamic_range: (2370, 2400),
            ..Default::default()
        };
        // Reserved 2375 and 2376 (tcp) are inside this range.
        assert_eq!(ports.longest_dynamic_run(Protocol::Tcp), 24); // 2377-2400
        assert_eq!(ports.longest_dynamic_run(Protocol::Udp), 31);
        ports.take_dynamic_run(2380, 3, Protocol::Tcp);
        ports.take_static(2400, Protocol::Tcp);
        assert_eq!(ports.longest_dynamic_run(Protocol::Tcp), 17); // 2383-2399
        ports.take_static(2370, Protocol::Udp);
        assert_eq!(ports.longest_dynamic_run(Protocol::Udp), 30);
        // Agrees with counting port by port.
        let by_port = (2370..=2400u16)
            .fold((0, 0), |(best, run), p| {
                if ports.is_free(p, Protocol::Tcp) {
                    (best.max(run + 1), run + 1)
                } else {
                    (best, 0)
                }
            })
            .0;
        assert_eq!(ports.longest_dynamic_run(Protocol::Tcp), by_port);
    }

    #[test]
    fn can_assign_takes_the_single_ports_before_the_runs() {
        let ports = HostPorts {
            dynamic_range: (100, 104),
            ..Default::default()
        };
        assert!(ports.can_assign(&[Protocol::Tcp], &[(Protocol::Tcp, 4)]));
        assert!(!ports.can_assign(&[Protocol::Tcp, Protocol::Tcp], &[(Protocol::Tcp, 4)]));
        assert!(ports.can_assign(&[Protocol::Udp, Protocol::Udp], &[(Protocol::Tcp, 5)]));
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
