//! The time charts, drawn with plotters on a <canvas>: tasks (desired, running, pending), the
//! scaling metric against its target and alarm thresholds, container instances,
//! CapacityProviderReservation and cost over time. Lines differ by dash pattern as well as by
//! colour, the legend names them, and each chart's caption states its latest values (the
//! canvas's text alternative).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::time_view::{Chart, LineStyle, TimeView};

/// Canvas height in CSS pixels at the normal text size (static/time.css gives it in rem, so
/// Presentation makes the charts taller, and their text larger with them).
pub const HEIGHT: u32 = 190;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub time: Rc<TimeView>,
    /// Presentation mode is on: the canvases changed size, so they are drawn again.
    pub presentation: bool,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    html! {
        <div class="charts">
            { for props.time.charts.iter().map(|c| html! {
                <ChartView key={c.key} chart={c.clone()} presentation={props.presentation} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    pub chart: Chart,
    pub presentation: bool,
}

fn dash_class(style: LineStyle) -> &'static str {
    match style {
        LineStyle::Solid => "solid",
        LineStyle::Dashed => "dashed",
        LineStyle::Dotted => "dotted",
    }
}

#[function_component(ChartView)]
pub fn chart_view(props: &ChartViewProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.chart.clone(), props.presentation),
            move |(chart, _)| {
                draw_into(&canvas, chart);
                || ()
            },
        );
    }
    let c = &props.chart;
    let caption_id = format!("chart-{}-caption", c.key);
    html! {
        <figure class="chart" data-chart={c.key}>
            <figcaption>
                <strong>{ &c.title }</strong>
                <span id={caption_id.clone()} class="chart-caption">{ &c.caption }</span>
            </figcaption>
            <canvas ref={canvas} height={HEIGHT.to_string()} role="img" aria-label={c.title.clone()}
                aria-describedby={caption_id}></canvas>
            <ul class="legend" aria-label="Legend">
                { for c.lines.iter().map(|l| html! {
                    <li><span class={classes!("swatch", format!("c{}", l.color), dash_class(l.style))} aria-hidden="true"></span>
                        { format!("{} ({})", l.label, dash_class(l.style)) }</li>
                }) }
            </ul>
        </figure>
    }
}

/// "01:30", "Day 2 06:00" for a time in minutes.
pub fn minute_label(m: f64) -> String {
    let m = m.round() as i64;
    let (day, h, min) = (m / 1440, m / 60 % 24, m % 60);
    if day > 0 {
        format!("D{} {:02}:{:02}", day + 1, h, min)
    } else {
        format!("{h:02}:{min:02}")
    }
}

/// A tick step (minutes) that gives at most about `max_ticks` ticks over `span` minutes.
pub fn tick_step(span: f64, max_ticks: f64) -> f64 {
    for step in [
        1.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0, 720.0, 1440.0,
    ] {
        if span / step <= max_ticks {
            return step;
        }
    }
    1440.0 * (span / 1440.0 / max_ticks).ceil()
}

/// The y-axis ticks: 0 and steps of 1, 2, 2.5 or 5 times a power of ten up to `y_max`
/// (whole steps for counts), at most five of them.
pub fn y_ticks(y_max: f64, whole: bool) -> Vec<f64> {
    if y_max <= 0.0 || !y_max.is_finite() {
        return vec![0.0];
    }
    let raw = y_max / 4.0;
    let p = 10f64.powf(raw.log10().floor());
    let steps: &[f64] = if whole {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let mut step = steps
        .iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    if whole {
        step = step.max(1.0).round();
    }
    (0..=8)
        .map(|k| f64::from(k) * step)
        .take_while(|v| *v <= y_max + 1e-9)
        .collect()
}

/// A y-axis value as a short label.
pub fn value_label(v: f64, unit: &str) -> String {
    let digits = (0..3)
        .find(|d| {
            let scaled = v * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(3) as usize;
    if unit == "USD" {
        format!("${v:.digits$}")
    } else {
        format!("{v:.digits$}")
    }
}

#[cfg(target_arch = "wasm32")]
fn draw_into(canvas: &NodeRef, chart: &Chart) {
    if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
        let _ = draw(canvas, chart);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn draw_into(_canvas: &NodeRef, _chart: &Chart) {}

#[cfg(target_arch = "wasm32")]
fn dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The line colours, in step with the legend's `.c0`..`.c4` in static/time.css.
#[cfg(target_arch = "wasm32")]
fn palette(dark: bool) -> [(u8, u8, u8); 5] {
    if dark {
        [
            (108, 182, 255),
            (255, 179, 102),
            (163, 173, 185),
            (76, 201, 154),
            (255, 138, 128),
        ]
    } else {
        [
            (10, 95, 180),
            (194, 84, 0),
            (107, 114, 128),
            (0, 122, 87),
            (179, 38, 30),
        ]
    }
}

#[cfg(target_arch = "wasm32")]
fn draw(canvas: web_sys::HtmlCanvasElement, chart: &Chart) -> Option<()> {
    use plotters::prelude::*;
    use plotters_canvas::CanvasBackend;

    // The chart is laid out in units of a 190-pixel-high chart, then drawn at `k` device
    // pixels per unit: sharp on high-density screens, and as large as the page's text
    // (Presentation), since the canvas's CSS height is in rem.
    let window = web_sys::window()?;
    let css_height = match canvas.client_height() {
        h if h > 0 => f64::from(h),
        _ => f64::from(HEIGHT),
    };
    let text_scale = css_height / f64::from(HEIGHT);
    let k = window.device_pixel_ratio().max(1.0) * text_scale;
    let width = (f64::from(canvas.client_width().max(240)) / text_scale).round() as i32;
    canvas.set_width((f64::from(width) * k).round() as u32);
    canvas.set_height((f64::from(HEIGHT) * k).round() as u32);
    let z = move |v: i32| (f64::from(v) * k).round() as i32;
    let at = move |(x, y): (i32, i32)| (z(x), z(y));
    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let dark = dark();
    let (bg, fg, grid) = if dark {
        (
            RGBColor(23, 27, 34),
            RGBColor(231, 234, 238),
            RGBColor(46, 54, 65),
        )
    } else {
        (
            RGBColor(255, 255, 255),
            RGBColor(26, 30, 36),
            RGBColor(223, 227, 232),
        )
    };
    let line = |colour: RGBColor, width: u32| ShapeStyle {
        color: colour.to_rgba(),
        filled: false,
        stroke_width: (f64::from(width) * k).round().max(1.0) as u32,
    };
    root.fill(&bg).ok()?;
    let (left, right, top, bottom) = (46i32, 18i32, 10i32, 24i32);
    let (pw, ph) = (width - left - right, HEIGHT as i32 - top - bottom);
    let x_end = chart.x_end.max(1.0);
    let y_max = if chart.y_max > 0.0 { chart.y_max } else { 1.0 };
    let px = |m: f64| left + ((m / x_end).clamp(0.0, 1.0) * f64::from(pw)).round() as i32;
    let py = |v: f64| top + ph - ((v / y_max).clamp(0.0, 1.0) * f64::from(ph)).round() as i32;
    let font = ("sans-serif", 11.0 * k).into_font().color(&fg);

    let whole = matches!(chart.unit.as_str(), "tasks" | "instances");
    for v in y_ticks(y_max, whole) {
        let y = py(v);
        root.draw(&PathElement::new(
            vec![at((left, y)), at((left + pw, y))],
            line(grid, 1),
        ))
        .ok()?;
        root.draw(&Text::new(
            value_label(v, &chart.unit),
            at((4, y - 6)),
            font.clone(),
        ))
        .ok()?;
    }
    let step = tick_step(x_end, (f64::from(pw) / 70.0).max(2.0));
    let mut m = 0.0;
    while m <= x_end + 1e-9 {
        let x = px(m);
        root.draw(&PathElement::new(
            vec![at((x, top + ph)), at((x, top + ph + 4))],
            line(fg, 1),
        ))
        .ok()?;
        let label = minute_label(m);
        let shift = (label.len() as i32 * 3).min(x - 2);
        root.draw(&Text::new(
            label,
            at((x - shift, top + ph + 7)),
            font.clone(),
        ))
        .ok()?;
        m += step;
    }
    root.draw(&PathElement::new(
        vec![
            at((left, top)),
            at((left, top + ph)),
            at((left + pw, top + ph)),
        ],
        line(fg, 1),
    ))
    .ok()?;

    let colours = palette(dark);
    for series in &chart.lines {
        let (r, g, b) = colours[series.color % colours.len()];
        let style = line(RGBColor(r, g, b), 2);
        let points: Vec<(i32, i32)> = series
            .points
            .iter()
            .map(|&(m, v)| at((px(m), py(v))))
            .collect();
        if points.len() < 2 {
            if let Some(&p) = points.first() {
                root.draw(&Circle::new(p, z(2), style.filled())).ok()?;
            }
            continue;
        }
        let dashed = |dash: i32, gap: i32| {
            plotters::element::DashedPathElement::new(points.clone(), z(dash), z(gap), style)
        };
        match series.style {
            LineStyle::Solid => root.draw(&PathElement::new(points.clone(), style)).ok()?,
            LineStyle::Dashed => root.draw(&dashed(7, 5)).ok()?,
            LineStyle::Dotted => root.draw(&dashed(2, 4)).ok()?,
        }
    }
    root.present().ok()
}
