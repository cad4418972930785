//! MinCapacity / MaxCapacity of a scalable target, and how a proposed desired count is held
//! inside them.

use super::error::ValidationError;

/// The `MinCapacity` and `MaxCapacity` of a registered scalable target. Always `min <= max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapacityLimits {
    min: u32,
    max: u32,
}

impl CapacityLimits {
    /// "For the following resources, the minimum value allowed is 0 … ECS services"
    /// (BOTO-AAS `RegisterScalableTargetRequest.MinCapacity`).
    pub fn new(min: i64, max: i64) -> Result<Self, ValidationError> {
        if min < 0 {
            return Err(ValidationError::new(
                "MinCapacity",
                format!("MinCapacity must be greater than or equal to 0 (got {min})"),
            ));
        }
        if max < 0 {
            return Err(ValidationError::new(
                "MaxCapacity",
                format!("MaxCapacity must be greater than or equal to 0 (got {max})"),
            ));
        }
        if min > max {
            return Err(ValidationError::new(
                "MinCapacity",
                format!("Minimum capacity cannot be greater than maximum capacity (MinCapacity {min} > MaxCapacity {max})"),
            ));
        }
        let to_u32 = |v: i64, field: &str| {
            u32::try_from(v)
                .map_err(|_| ValidationError::new(field, format!("{field} {v} is too large")))
        };
        Ok(CapacityLimits {
            min: to_u32(min, "MinCapacity")?,
            max: to_u32(max, "MaxCapacity")?,
        })
    }

    pub fn min(&self) -> u32 {
        self.min
    }

    pub fn max(&self) -> u32 {
        self.max
    }

    pub fn contains(&self, count: u32) -> bool {
        self.min <= count && count <= self.max
    }

    /// Where a scaling policy may move the desired count, given the count the policy computed.
    ///
    /// "If a service's desired count is set below its minimum capacity value, and an alarm
    /// triggers a scale-out activity, Service Auto Scaling scales the desired count up to the
    /// minimum capacity value and then continues to scale out as required … However, a
    /// scale-in activity does not adjust the desired count, because it is already below the
    /// minimum capacity value." The mirror rule holds above the maximum. (ECSDG service-auto-scaling)
    ///
    /// Assumption: "then continues to scale out as required" is read as: the policy's result
    /// (computed from the current count) is raised to at least MinCapacity; the adjustment is
    /// not added on top of MinCapacity. Mirror: a scale-in from above MaxCapacity is lowered to
    /// at most MaxCapacity.
    pub fn hold_policy_result(&self, desired: u32, proposed: i64) -> u32 {
        let proposed_in_range = self.clamp(proposed);
        match proposed.cmp(&i64::from(desired)) {
            std::cmp::Ordering::Greater => {
                // A scale-out never moves a count that is already above the maximum.
                if desired >= self.max {
                    desired
                } else {
                    proposed_in_range.max(desired)
                }
            }
            std::cmp::Ordering::Less => {
                // A scale-in never moves a count that is already below the minimum.
                if desired <= self.min {
                    desired
                } else {
                    proposed_in_range.min(desired)
                }
            }
            std::cmp::Ordering::Equal => desired,
        }
    }

    /// `value` moved into `min..=max`.
    pub fn clamp(&self, value: i64) -> u32 {
        // ok: the clamp bounds are u32 values, so the result fits in u32.
        value.clamp(i64::from(self.min), i64::from(self.max)) as u32
    }
}
