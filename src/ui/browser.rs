//! The only place that talks to the browser. Placeholder while the page is built.
