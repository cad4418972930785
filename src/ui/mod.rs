//! The playground UI (yew). It renders engine state and decision traces; ECS rules live in
//! `crate::sim` only.

pub mod app;

pub use app::App;
