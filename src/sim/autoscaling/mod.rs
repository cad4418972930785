//! Service Auto Scaling (Application Auto Scaling): step scaling, target tracking, scheduled actions.
