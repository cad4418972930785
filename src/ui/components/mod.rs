//! One component per widget, plus the pure view models they draw.

pub mod cluster_model;
pub mod decision;
pub mod editor;
pub mod event_log;
pub mod format;
pub mod load_balancer;
