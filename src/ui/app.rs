use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main class="app">
            <h1>{ "ECS Playground" }</h1>
            <p id="status">{ "Engine loaded." }</p>
        </main>
    }
}
