//! EC2 instance types: what an instance of each type registers with ECS.
//!
//! CPU: the agent registers vCPU × 1024 units. Memory: the agent registers the MiB the kernel
//! reports (MemTotal), which is below the nominal size. AWS documents only one figure (an
//! 8 GiB m4.large registers 7985 MiB), so:
//! Assumption: registered memory is an observed value where one is published (t2 family),
//! otherwise nominal MiB × 7985 / 8192, anchored on the documented m4.large example.

/// One instance type, with the figures the simulator needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpu: u32,
    pub memory_gib: f64,
    pub architecture: &'static str,
    pub gpus: u32,
    /// Maximum network interfaces of the instance (the primary one included).
    pub max_enis: u32,
    /// awsvpc tasks with ENI trunking turned on, where the type supports it.
    pub trunk_task_limit: Option<u32>,
    /// Example on-demand price, USD per hour, Linux, us-east-1.
    pub usd_per_hour: f64,
    /// Registered memory observed on real instances, where published.
    observed_memory_mib: Option<u32>,
}

impl InstanceType {
    pub fn cpu_units(&self) -> u32 {
        self.vcpu * 1024
    }

    /// The MiB the ECS agent registers for this type (see the module comment).
    pub fn registered_memory_mib(&self) -> u32 {
        self.observed_memory_mib
            .unwrap_or_else(|| (self.memory_gib * 1024.0 * 7985.0 / 8192.0).floor() as u32)
    }

    /// awsvpc tasks the instance can run without trunking: every ENI but the primary one.
    pub fn task_eni_limit(&self, trunking: bool) -> u32 {
        match (trunking, self.trunk_task_limit) {
            (true, Some(limit)) => limit,
            _ => self.max_enis.saturating_sub(1),
        }
    }
}

macro_rules! types {
    ($( $name:literal $vcpu:literal $mem:literal $arch:literal $gpu:literal $enis:literal $trunk:expr, $price:literal $obs:expr; )*) => {
        /// Source: ../shared/reference/instance-types.md (EC2 User Guide tables, ECS ENI trunking
        /// table, and observed registered memory for the t2 family).
        pub const INSTANCE_TYPES: &[InstanceType] = &[
            $( InstanceType { name: $name, vcpu: $vcpu, memory_gib: $mem, architecture: $arch, gpus: $gpu,
                max_enis: $enis, trunk_task_limit: $trunk, usd_per_hour: $price, observed_memory_mib: $obs }, )*
        ];
    };
}

types! {
    "t2.micro"    1   1.0 "x86_64" 0 2 None,      0.0116 Some(993);
    "t2.small"    1   2.0 "x86_64" 0 3 None,      0.0230 Some(2001);
    "t2.medium"   2   4.0 "x86_64" 0 3 None,      0.0464 Some(3952);
    "t2.large"    2   8.0 "x86_64" 0 3 None,      0.0928 Some(7984);
    "t3.micro"    2   1.0 "x86_64" 0 2 None,      0.0104 None;
    "t3.small"    2   2.0 "x86_64" 0 3 None,      0.0208 None;
    "t3.medium"   2   4.0 "x86_64" 0 3 None,      0.0416 None;
    "t3.large"    2   8.0 "x86_64" 0 3 None,      0.0832 None;
    "t3.xlarge"   4  16.0 "x86_64" 0 4 None,      0.1664 None;
    "m5.large"    2   8.0 "x86_64" 0 3 Some(10),  0.096  None;
    "m5.xlarge"   4  16.0 "x86_64" 0 4 Some(20),  0.192  None;
    "m5.2xlarge"  8  32.0 "x86_64" 0 4 Some(40),  0.384  None;
    "m5.4xlarge" 16  64.0 "x86_64" 0 8 Some(60),  0.768  None;
    "c5.large"    2   4.0 "x86_64" 0 3 Some(10),  0.085  None;
    "c5.xlarge"   4   8.0 "x86_64" 0 4 Some(20),  0.170  None;
    "c5.2xlarge"  8  16.0 "x86_64" 0 4 Some(40),  0.340  None;
    "r5.large"    2  16.0 "x86_64" 0 3 Some(10),  0.126  None;
    "r5.xlarge"   4  32.0 "x86_64" 0 4 Some(20),  0.252  None;
    "m6g.large"   2   8.0 "arm64"  0 3 Some(10),  0.077  None;
    "c6g.large"   2   4.0 "arm64"  0 3 Some(10),  0.068  None;
    "g4dn.xlarge" 4  16.0 "x86_64" 1 3 None,      0.526  None;
}

pub fn lookup(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_is_vcpu_times_1024() {
        assert_eq!(lookup("t3.micro").unwrap().cpu_units(), 2048); // ok: test
        assert_eq!(lookup("t2.micro").unwrap().cpu_units(), 1024); // ok: test
        assert_eq!(lookup("m5.xlarge").unwrap().cpu_units(), 4096); // ok: test
    }

    #[test]
    fn registered_memory_is_below_nominal() {
        assert_eq!(lookup("t2.micro").unwrap().registered_memory_mib(), 993); // ok: test
        assert_eq!(lookup("m5.large").unwrap().registered_memory_mib(), 7985); // ok: test; the documented 8 GiB example
        for t in INSTANCE_TYPES {
            assert!(
                t.registered_memory_mib() < (t.memory_gib * 1024.0) as u32,
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn c5_large_runs_two_awsvpc_tasks_without_trunking() {
        let c5 = lookup("c5.large").unwrap(); // ok: test
        assert_eq!(c5.task_eni_limit(false), 2);
        assert_eq!(c5.task_eni_limit(true), 10);
    }
}
