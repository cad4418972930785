//! The editing surface: the gutter (line numbers, problem markers) and the code area, where
//! the transparent-text textarea lies over the coloured lines and the problem-line bands.
//! The drawn layers follow the textarea's scrolling by transform; only the window of lines
//! around the view is drawn, and the window moves when the view nears its edge.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis::Analysis;
use super::dom;
use super::layers::Layers;
use super::window;

#[derive(Properties, PartialEq)]
pub struct SurfaceProps {
    pub text: AttrValue,
    /// The latest analysis (possibly of a slightly older text).
    pub analysis: Rc<Analysis>,
    /// The textarea, which the editor also needs (keys, jumping to a problem).
    pub textarea: NodeRef,
    pub input_id: AttrValue,
    /// Ids of the elements that describe the textarea (summary, hint).
    pub described_by: AttrValue,
    pub oninput: Callback<InputEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

/// The layers the surface moves by hand as the textarea scrolls.
#[derive(Clone, PartialEq)]
struct LayerRefs {
    /// The coloured lines (follow both ways).
    text: NodeRef,
    /// The problem-line bands (follow vertically, span the full width).
    bands: NodeRef,
    /// The line numbers and markers (follow vertically).
    gutter: NodeRef,
}

#[function_component(Surface)]
pub fn surface(props: &SurfaceProps) -> Html {
    // The first line of the drawn window, moved by scrolling (see `follow_scroll`).
    let window_start = use_state_eq(|| 1u32);
    let layers = use_memo(
        (props.text.clone(), props.analysis.clone(), *window_start),
        |(text, analysis, start)| Layers::new(text, analysis, *start),
    );
    let refs = LayerRefs {
        text: use_node_ref(),
        bands: use_node_ref(),
        gutter: use_node_ref(),
    };
    // Also after a render with a new text (it changes the scroll range without a scroll
    // event) or a moved window (it must be put in place), and after later renders until
    // the editor is shown (a phone's hidden Definition tab). Not after every render:
    // reading the scroll position makes the browser lay the whole page out at once, and
    // the page re-renders the editor on every step of the decision animation.
    let followed = use_mut_ref(|| None::<(AttrValue, u32, usize)>);
    {
        let (ta, refs, start, lines) = (
            props.textarea.clone(),
            refs.clone(),
            window_start.clone(),
            layers.line_count,
        );
        let key = (props.text.clone(), *window_start, layers.line_count);
        use_effect(move || {
            if followed.borrow().as_ref() != Some(&key) && follow_scroll(&ta, &refs, &start, lines)
            {
                *followed.borrow_mut() = Some(key);
            }
        });
    }
    let onscroll = {
        let (ta, refs, start, lines) = (
            props.textarea.clone(),
            refs.clone(),
            window_start.clone(),
            layers.line_count,
        );
        Callback::from(move |_: Event| {
            follow_scroll(&ta, &refs, &start, lines);
        })
    };
    // Coming back to the editor puts the layers in place too.
    let onfocus = {
        let (ta, refs, start, lines) = (
            props.textarea.clone(),
            refs.clone(),
            window_start.clone(),
            layers.line_count,
        );
        Callback::from(move |_: FocusEvent| {
            follow_scroll(&ta, &refs, &start, lines);
        })
    };

    let valid = props.analysis.is_valid();
    let first_line = format!("--first: {}", layers.window.first);
    html! {
        <div
            class={classes!("editor-frame", layers.highlight.is_none().then_some("editor-plain"))}
            style={format!("--gutter-digits: {}", layers.digits())}
        >
            <div class="editor-gutter" aria-hidden="true">
                <div class="editor-layer" ref={refs.gutter}>
                    <pre class="editor-gutter-numbers" style={first_line.clone()}>{ layers.numbers.clone() }</pre>
                    { for layers.marks.iter().map(|m| html! {
                        <span
                            class={classes!("editor-gutter-mark", m.severity.class())}
                            style={format!("--line: {}", m.line)}
                            title={m.title.clone()}
                        >{ m.severity.icon() }</span>
                    }) }
                </div>
            </div>
            <div class="editor-code">
                <div class="editor-highlight" aria-hidden="true">
                    <div class="editor-layer editor-bands" ref={refs.bands}>
                        { for layers.marks.iter().map(|m| html! {
                            <div
                                class={classes!("editor-band", m.severity.class())}
                                style={format!("--line: {}", m.line)}
                            />
                        }) }
                    </div>
                    <div class="editor-layer editor-text" ref={refs.text}>
                        <pre class="editor-lines" style={first_line}>
                            { layers.highlight.clone().map(Html::from_html_unchecked).unwrap_or_default() }
                        </pre>
                    </div>
                </div>
                <textarea
                    id={props.input_id.clone()}
                    ref={props.textarea.clone()}
                    class="editor-input"
                    value={props.text.clone()}
                    oninput={props.oninput.clone()}
                    onkeydown={props.onkeydown.clone()}
                    {onscroll}
                    {onfocus}
                    wrap="off"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    autocorrect="off"
                    aria-invalid={if valid { "false" } else { "true" }}
                    aria-describedby={props.described_by.clone()}
                />
            </div>
        </div>
    }
}

/// Puts the drawn layers where the textarea is scrolled, and moves the window of drawn lines
/// when the view nears its edge. False (nothing done) while the editor is hidden.
fn follow_scroll(
    textarea: &NodeRef,
    refs: &LayerRefs,
    window_start: &UseStateHandle<u32>,
    line_count: usize,
) -> bool {
    // A hidden editor (another tab on a phone) reads as scrolled to the top; the browser
    // keeps its real position for when it is shown again, and so do the layers.
    if !dom::is_shown(textarea) {
        return false;
    }
    dom::follow_scroll(textarea, &refs.text, &refs.bands, &refs.gutter);
    if let Some((first, visible)) = dom::visible_lines(textarea, line_count) {
        if window::must_move(**window_start, first, visible, line_count as u32) {
            window_start.set(window::start_for(first));
        }
    }
    true
}
