//! One component per widget.

pub mod decision;
pub mod editor;
