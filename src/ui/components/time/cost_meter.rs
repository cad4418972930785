//! The running cost meter: money spent so far (EC2 instances by type, Fargate and Fargate
//! Spot) and what runs now costs per hour, at the engine's labelled example prices.

use yew::prelude::*;

use crate::ui::time_view::{usd, CostView, PRICE_NOTE};

#[derive(Properties, PartialEq)]
pub struct CostMeterProps {
    pub cost: CostView,
}

#[function_component(CostMeter)]
pub fn cost_meter(props: &CostMeterProps) -> Html {
    let c = &props.cost;
    html! {
        <section class="panel cost-meter" aria-labelledby="cost-title">
            <h3 id="cost-title">{ "Cost so far" }<span class="muted">{ " example prices" }</span></h3>
            <p class="cost-total"><strong>{ usd(c.total) }</strong>{ format!(" · {}/hour now", usd(c.rate_ec2 + c.rate_fargate + c.rate_fargate_spot)) }</p>
            <table class="cost-table">
                <thead><tr><th scope="col">{ "Capacity" }</th><th scope="col">{ "Spent" }</th><th scope="col">{ "Now, per hour" }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ "EC2 instances" }</th><td>{ usd(c.ec2) }</td><td>{ usd(c.rate_ec2) }</td></tr>
                    { for c.by_type.iter().map(|(t, n, price)| html! {
                        <tr class="sub"><th scope="row">{ format!("{n} × {t}") }</th><td></td><td>{ format!("{} (${price:.3} each)", usd(*price * *n as f64)) }</td></tr>
                    }) }
                    <tr><th scope="row">{ "Fargate" }</th><td>{ usd(c.fargate) }</td><td>{ usd(c.rate_fargate) }</td></tr>
                    <tr><th scope="row">{ "Fargate Spot" }</th><td>{ usd(c.fargate_spot) }</td><td>{ usd(c.rate_fargate_spot) }</td></tr>
                </tbody>
            </table>
            <p class="hint">{ PRICE_NOTE }</p>
        </section>
    }
}
