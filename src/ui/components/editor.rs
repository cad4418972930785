//! The task-definition editor. STUB: replaced by the full editor with the same props.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text to show (the editor reports every change through `on_change`).
    pub text: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let on_change = props.on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let target: Option<web_sys_input::Target> = None;
        let _ = target;
        let _ = e;
        on_change.emit(String::new());
    });
    let _ = oninput;
    html! { <textarea aria-label="Task definition JSON" value={props.text.clone()} /> }
}

mod web_sys_input {
    pub type Target = ();
}
