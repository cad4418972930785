//! Browser entry point: mounts the playground.

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    yew::Renderer::<ecs_playground::ui::App>::new().render();
}
