//! The playground UI (yew). It renders engine state and decision traces; ECS rules live in
//! `crate::sim` only.

pub mod anim;
pub mod app;
pub mod browser;
pub mod components;
pub mod doc;
pub mod format;
pub mod highlight;
pub mod import;
pub mod run_form;
pub mod scenarios;
pub mod share;
pub mod state;
pub mod templates;
pub mod time_forms;
pub mod time_run;
pub mod time_view;

pub use app::App;
