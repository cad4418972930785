//! Step 1 of ECS's placement process: does the instance have the CPU, GPU, memory, ports
//! (and, for awsvpc, an ENI) the task needs? Every check runs, so a trace shows them all.

use crate::sim::instance::ContainerInstance;
use crate::sim::ports::{PortConflict, RESERVED_PORT_LIMIT};

use super::request::TaskNeeds;
use super::trace::Check;

/// Which checks failed, as bits, in ECS's order; the first one names the failure reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failed(u8);

const STATUS: u8 = 1;
const CPU: u8 = 2;
const GPU: u8 = 4;
const MEMORY: u8 = 8;
const PORTS: u8 = 16;
const ENI: u8 = 32;

impl Failed {
    pub fn from_flags(
        status: bool,
        cpu: bool,
        gpu: bool,
        memory: bool,
        ports: bool,
        eni: bool,
    ) -> Self {
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        Failed(
            bit(status, STATUS)
                | bit(cpu, CPU)
                | bit(gpu, GPU)
                | bit(memory, MEMORY)
                | bit(ports, PORTS)
                | bit(eni, ENI),
        )
    }

    pub fn none(self) -> bool {
        self.0 == 0
    }

    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    pub fn status_only(self) -> bool {
        self.0 & STATUS != 0
    }

    /// ECS's reason for the first failed check.
    pub fn reason(self) -> &'static str {
        match self.0 {
            b if b & STATUS != 0 => "AGENT",
            b if b & CPU != 0 => "RESOURCE:CPU",
            b if b & GPU != 0 => "RESOURCE:GPU",
            b if b & MEMORY != 0 => "RESOURCE:MEMORY",
            b if b & PORTS != 0 => "RESOURCE:PORTS",
            b if b & ENI != 0 => "RESOURCE:ENI",
            _ => "",
        }
    }
}

/// Runs the resource checks. `detail` asks for the trace records (kept cheap otherwise:
/// the benchmark places 10,000 tasks on 1,000 instances).
pub fn check_resources(
    inst: &ContainerInstance,
    needs: &TaskNeeds,
    detail: bool,
) -> (Failed, Vec<Check>) {
    let mut failed = 0u8;
    let mut checks = Vec::new();
    let mut record = |bit: u8, ok: bool, check: &dyn Fn() -> Check| {
        if !ok {
            failed |= bit;
        }
        if detail {
            checks.push(check());
        }
    };

    let usable = inst.is_active();
    record(STATUS, usable, &|| Check {
        name: "status",
        requested: 1,
        available: usable as i64,
        unit: "",
        ok: usable,
        message: if usable {
            "instance is ACTIVE and its agent is connected".into()
        } else if !inst.agent_connected {
            "the container agent is disconnected".into()
        } else {
            format!(
                "instance is {}; ECS places no new tasks on it",
                inst.status.as_str()
            )
        },
    });

    let r = inst.remaining;
    record(CPU, needs.cpu <= r.cpu, &|| {
        amount("cpu", needs.cpu, r.cpu, "CPU units")
    });
    if needs.gpu > 0 {
        record(GPU, needs.gpu <= r.gpu, &|| {
            amount("gpu", needs.gpu, r.gpu, "GPUs")
        });
    }
    record(MEMORY, needs.memory <= r.memory, &|| {
        amount("memory", needs.memory, r.memory, "MiB")
    });

    if !needs.static_ports.is_empty() {
        let taken: Vec<_> = needs
            .static_ports
            .iter()
            .filter_map(|(proto, port)| {
                inst.ports
                    .conflict(*port, *proto)
                    .map(|c| (*proto, *port, c))
            })
            .collect();
        record(PORTS, taken.is_empty(), &|| Check {
            name: "ports",
            requested: needs.static_ports.len() as i64,
            available: (needs.static_ports.len() - taken.len()) as i64,
            unit: "host ports",
            ok: taken.is_empty(),
            message: if taken.is_empty() {
                format!("host port {} free", port_list(&needs.static_ports))
            } else {
                taken
                    .iter()
                    .map(|(proto, port, why)| match why {
                        PortConflict::Reserved => format!(
                            "host port {port}/{} is reserved on the instance",
                            proto.as_str()
                        ),
                        PortConflict::InUse => format!(
                            "host port {port}/{} is already used by a running task",
                            proto.as_str()
                        ),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        });
        let after = inst.ports.reserved_count() + needs.static_ports.len();
        let within = after <= RESERVED_PORT_LIMIT;
        record(PORTS, within, &|| Check {
            name: "reservedPortLimit",
            requested: needs.static_ports.len() as i64,
            available: RESERVED_PORT_LIMIT.saturating_sub(inst.ports.reserved_count()) as i64,
            unit: "reserved ports",
            ok: within,
            message: format!(
                "{} of the limit of {RESERVED_PORT_LIMIT} reserved host ports would be in use",
                after.min(9999)
            ),
        });
    }

    if !needs.dynamic_ports.is_empty() {
        // Count per protocol: a task may ask for tcp and udp ports.
        let short = needs.dynamic_ports.iter().any(|proto| {
            let want = needs.dynamic_ports.iter().filter(|p| *p == proto).count();
            !inst.ports.has_dynamic(*proto, want)
        });
        record(PORTS, !short, &|| {
            let proto = needs.dynamic_ports[0]; // ok: the list is not empty here
            let (lo, hi) = inst.ports.dynamic_range;
            Check {
                name: "dynamicPorts",
                requested: needs.dynamic_ports.len() as i64,
                available: inst.ports.dynamic_free(proto) as i64,
                unit: "dynamic ports",
                ok: !short,
                message: format!("free ports in the dynamic range {lo}-{hi}"),
            }
        });
    }

    if !needs.dynamic_ranges.is_empty() {
        // Each containerPortRange needs contiguous free ports, after the single ones.
        let ok = inst
            .ports
            .can_assign(&needs.dynamic_ports, &needs.dynamic_ranges);
        record(PORTS, ok, &|| {
            // The numbers are for the longest range and the first range's protocol (the
            // usual task has one range); `ok` weighs them all.
            let (proto, _) = needs.dynamic_ranges[0]; // ok: the list is not empty here
            let longest = needs.dynamic_ranges.iter().map(|r| r.1).max().unwrap_or(0);
            let (lo, hi) = inst.ports.dynamic_range;
            let ranges = needs
                .dynamic_ranges
                .iter()
                .map(|(p, n)| format!("{n}/{}", p.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            Check {
                name: "dynamicPortRanges",
                requested: i64::from(longest),
                available: inst.ports.longest_dynamic_run(proto) as i64,
                unit: "contiguous ports",
                ok,
                message: format!(
                    "containerPortRange needs contiguous free ports in the dynamic range {lo}-{hi} ({ranges})"
                ),
            }
        });
    }

    if needs.eni {
        let free = inst.eni_capacity.saturating_sub(inst.enis_in_use);
        record(ENI, free >= 1, &|| amount("eni", 1, free, "ENIs"));
    }
    (Failed(failed), checks)
}

fn amount(name: &'static str, requested: u32, available: u32, unit: &'static str) -> Check {
    let ok = requested <= available;
    Check {
        name,
        requested: requested as i64,
        available: available as i64,
        unit,
        ok,
        message: if ok {
            format!("{name}: needs {requested} {unit}, {available} free")
        } else {
            format!("{name}: needs {requested} {unit}, only {available} free")
        },
    }
}

fn port_list(ports: &[(crate::sim::taskdef::Protocol, u16)]) -> String {
    ports
        .iter()
        .map(|(proto, port)| format!("{port}/{}", proto.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
