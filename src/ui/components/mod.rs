//! One component per widget, plus the pure view models they draw (`cluster_model`, and the
//! data halves of `event_log` and `load_balancer`).

pub mod cluster_model;
pub mod cluster_view;
pub mod constraint_builder;
pub mod decision;
pub mod editor;
pub mod event_log;
pub mod format;
pub mod header;
pub mod instance_card;
pub mod lesson;
pub mod load_balancer;
pub mod notice;
pub mod palette;
pub mod quick_run;
pub mod run_panel;
pub mod strategy_builder;
pub mod tabs;
pub mod time;
pub mod zone_column;
