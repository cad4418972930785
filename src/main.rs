//! Browser entry point: mounts the playground.

fn main() {
    #[cfg(target_arch = "wasm32")]
    panic_notice::install();
    yew::Renderer::<ecs_playground::ui::App>::new().render();
    // `?panic-test=1` proves the notice works (the end-to-end tests use it).
    #[cfg(target_arch = "wasm32")]
    if web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("panic-test=1"))
    {
        panic!("panic-test=1 asked for a test panic"); // ok: only with ?panic-test=1, to test the panic notice
    }
}

/// If a bug panics anyway, say so on the page in plain words (and in the console), instead of
/// leaving a page that silently stopped responding.
#[cfg(target_arch = "wasm32")]
mod panic_notice {
    pub fn install() {
        // Through yew, which otherwise installs its own console-only hook when rendering.
        yew::set_custom_panic_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show(&info.to_string());
        }));
    }

    fn show(detail: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        let Ok(block) = document.create_element("div") else {
            return;
        };
        block.set_id("panic-notice");
        let _ = block.set_attribute("role", "alert");
        let _ = block.set_attribute(
            "style",
            "position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;padding:1rem;border:2px solid #b3261e;\
             border-radius:6px;background:#fff4f2;color:#3b0a06;font:16px/1.5 system-ui,sans-serif",
        );
        block.set_text_content(Some(&format!(
            "ECS Playground stopped after an internal error. Your work is saved in this browser: \
             reload the page to continue. Details: {detail}"
        )));
        let _ = body.append_child(&block);
    }
}
