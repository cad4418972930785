//! Browser unit tests: the app mounted in real headless Chromium (wasm-bindgen-test).
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (scripts/test.sh does);
//! `.cargo/config.toml` makes wasm-bindgen-test-runner the runner, `webdriver.json` holds
//! Chromium's flags. Native `cargo test` compiles this file to nothing.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and lets yew's scheduler render it.
async fn mount_app() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ecs_playground::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    root
}

#[wasm_bindgen_test]
async fn app_renders_heading_and_status() {
    let root = mount_app().await;
    let h1 = root.query_selector("h1").unwrap().expect("no <h1>");
    assert!(h1.text_content().unwrap().contains("ECS Playground"));
    let status = root.query_selector("#status").unwrap().expect("no #status");
    assert!(!status.text_content().unwrap().trim().is_empty());
}
