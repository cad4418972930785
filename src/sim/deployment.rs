//! Rolling deployments: minimumHealthyPercent / maximumPercent arithmetic.
