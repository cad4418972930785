//! Service Auto Scaling over time: target tracking (3 datapoints above the target to scale
//! out to ceil(running x metric / target), 15 below 90% of it to scale in), step scaling
//! through CloudWatch alarms (the documented 10 -> 11 -> 14 -> 13 -> 10 chain), scheduled
//! actions with cron, and the request checks.

mod time_support;

use serde_json::{json, Value};
use time_support::*;

const RESOURCE: &str = "service/default/web";

fn target(min: u32, max: u32) -> Value {
    json!({"RegisterScalableTarget": {"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": min, "MaxCapacity": max}})
}

fn scenario(desired: u32, more: Vec<Value>) -> Value {
    let mut requests = vec![
        json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": desired}}),
    ];
    requests.extend(more);
    json!({"seed": 9, "containerInstances": six_instances(), "taskDefinitions": [web_td("web")], "requests": requests})
}

#[test]
fn target_tracking_scales_out_after_three_minutes_and_in_after_fifteen() {
    let out = run(scenario(
        4,
        vec![
            target(2, 20),
            json!({"PutScalingPolicy": {"PolicyName": "cpu50", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
                "PolicyType": "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 80}}),
            json!({"AdvanceTime": {"seconds": 180}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 30}}),
            json!({"AdvanceTime": {"seconds": 1200}}),
        ],
    ));
    no_errors(&out);
    let alarms = out["responses"][2]["PutScalingPolicy"]["Alarms"]
        .as_array()
        .unwrap();
    assert!(alarms[0]["AlarmName"]
        .as_str()
        .unwrap()
        .starts_with("TargetTracking-service/default/web-AlarmHigh-"));
    // 80% > 50% at minutes 1, 2 and 3: ceil(4 x 80 / 50) = 7 at the third datapoint.
    assert_eq!(desired_at(&out, "web", 120), 4);
    assert_eq!(desired_at(&out, "web", 180), 7);
    // 30% < 45% from minute 4: the 15th datapoint below is at minute 18, ceil(7 x 30 / 50) = 5.
    assert_eq!(desired_at(&out, "web", 1020), 7);
    assert_eq!(desired_at(&out, "web", 1080), 5);
    // The low alarm stays in ALARM: once the scale-in cooldown (300 s) is over, it scales in
    // again, ceil(5 x 30 / 50) = 3.
    assert_eq!(desired_at(&out, "web", 1320), 5);
    assert_eq!(desired_at(&out, "web", 1380), 3);
    let cpu = series(&out, "web", "runningCount");
    assert!(
        cpu.iter().any(|(t, n)| *t == 240 && *n == 7.0),
        "the three new tasks ran 30 s after the scale-out: {cpu:?}"
    );
    let activities = out["state"]["scalingActivities"].as_array().unwrap();
    assert_eq!(activities.len(), 3);
    // Newest first, as DescribeScalingActivities lists them.
    assert_eq!(activities[2]["Description"], "Setting desired count to 7.");
    assert!(
        activities[2]["Cause"]
            .as_str()
            .unwrap()
            .contains("AlarmHigh"),
        "{}",
        activities[2]
    );
    assert!(
        activities[2]["Details"]
            .as_str()
            .unwrap()
            .contains("desired 4 -> 7"),
        "{}",
        activities[2]
    );
    assert_eq!(activities[1]["Description"], "Setting desired count to 5.");
    assert!(activities[1]["Cause"]
        .as_str()
        .unwrap()
        .contains("AlarmLow"));
}

#[test]
fn target_tracking_never_goes_below_min_capacity() {
    let out = run(scenario(
        6,
        vec![
            target(4, 10),
            json!({"PutScalingPolicy": {"PolicyName": "cpu", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
                "PolicyType": "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50, "ScaleInCooldown": 60, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 1}}),
            json!({"AdvanceTime": {"seconds": 3600}}),
        ],
    ));
    no_errors(&out);
    assert!(series(&out, "web", "desiredCount")
        .iter()
        .all(|(_, d)| *d >= 4.0));
    assert_eq!(service(&out, "web")["desiredCount"], 4);
}

fn step_policy(name: &str, steps: Value) -> Value {
    json!({"PutScalingPolicy": {"PolicyName": name, "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
        "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": {"AdjustmentType": "PercentChangeInCapacity", "Cooldown": 60, "MetricAggregationType": "Average", "StepAdjustments": steps}}})
}

fn alarm(name: &str, op: &str, action: &str) -> Value {
    json!({"PutMetricAlarm": {"AlarmName": name, "Namespace": "AWS/ECS", "MetricName": "CPUUtilization",
        "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "web"}],
        "Statistic": "Average", "Period": 60, "EvaluationPeriods": 1, "Threshold": 50, "ComparisonOperator": op, "AlarmActions": [action]}})
}

#[test]
fn step_scaling_reproduces_the_documented_chain() {
    // The AAS user guide's example: capacity 10, threshold 50%, PercentChangeInCapacity;
    // scale out [0,10) 0, [10,20) +10, [20,) +30; scale in (-10,0] 0, (-20,-10] -10, (,-20] -30.
    let out = run(scenario(
        10,
        vec![
            target(1, 20),
            step_policy(
                "out",
                json!([
                    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10, "ScalingAdjustment": 0},
                    {"MetricIntervalLowerBound": 10, "MetricIntervalUpperBound": 20, "ScalingAdjustment": 10},
                    {"MetricIntervalLowerBound": 20, "ScalingAdjustment": 30}
                ]),
            ),
            step_policy(
                "in",
                json!([
                    {"MetricIntervalLowerBound": -10, "MetricIntervalUpperBound": 0, "ScalingAdjustment": 0},
                    {"MetricIntervalLowerBound": -20, "MetricIntervalUpperBound": -10, "ScalingAdjustment": -10},
                    {"MetricIntervalUpperBound": -20, "ScalingAdjustment": -30}
                ]),
            ),
            alarm("web-cpu-high", "GreaterThanOrEqualToThreshold", "out"),
            alarm("web-cpu-low", "LessThanThreshold", "in"),
            // Settle first at exactly the threshold (the [0, 10) step adds 0): a new service's
            // first deployment is in progress until its tasks are healthy, and Application
            // Auto Scaling does not scale in during a deployment.
            json!({"SetLoad": {"service": "web", "CPUUtilization": 50}}),
            json!({"AdvanceTime": {"seconds": 120}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 60}}),
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 70}}),
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 40}}),
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 30}}),
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 45}}),
            json!({"AdvanceTime": {"seconds": 120}}),
        ],
    ));
    no_errors(&out);
    let chain: Vec<u64> = (1..=8).map(|m| desired_at(&out, "web", m * 60)).collect();
    assert_eq!(
        chain,
        [10, 10, 11, 14, 13, 10, 10, 10],
        "50 holds, 60 -> 11, 70 -> 14, 40 -> 13, 30 -> 10, then 45 changes nothing"
    );
    let alarms = out["state"]["metricAlarms"].as_array().unwrap();
    let high = alarms
        .iter()
        .find(|a| a["AlarmName"] == "web-cpu-high")
        .unwrap();
    assert_eq!(high["StateValue"], "OK");
    let low = alarms
        .iter()
        .find(|a| a["AlarmName"] == "web-cpu-low")
        .unwrap();
    assert_eq!(low["StateValue"], "ALARM");
    let activities = out["state"]["scalingActivities"].as_array().unwrap();
    assert_eq!(
        activities[3]["Cause"],
        "monitor alarm web-cpu-high in state ALARM triggered policy out"
    );
    assert_eq!(activities[0]["Description"], "Setting desired count to 10.");
}

#[test]
fn a_scheduled_action_changes_min_capacity_at_the_right_minute() {
    let out = run(scenario(
        2,
        vec![
            target(2, 10),
            json!({"PutScheduledAction": {"ServiceNamespace": "ecs", "ScheduledActionName": "morning", "ResourceId": RESOURCE,
                "ScalableDimension": "ecs:service:DesiredCount", "Schedule": "cron(0 1 * * ? *)", "ScalableTargetAction": {"MinCapacity": 5}}}),
            json!({"AdvanceTime": {"seconds": 3900}}),
        ],
    ));
    no_errors(&out);
    // 01:00 UTC is minute 60 of a scenario that starts at midnight.
    assert_eq!(desired_at(&out, "web", 3540), 2);
    assert_eq!(desired_at(&out, "web", 3600), 5);
    assert_eq!(out["state"]["scalableTargets"][0]["MinCapacity"], 5);
    assert_eq!(service(&out, "web")["runningCount"], 5);
    let a = &out["state"]["scalingActivities"][0];
    assert_eq!(a["Cause"], "scheduled action name morning was triggered");
    assert_eq!(a["StartTime"], "2024-01-01T01:00:00Z");
}

#[test]
fn start_time_moves_the_calendar() {
    let mut s = scenario(
        2,
        vec![
            target(2, 10),
            json!({"PutScheduledAction": {"ServiceNamespace": "ecs", "ScheduledActionName": "weekend", "ResourceId": RESOURCE,
                "ScalableDimension": "ecs:service:DesiredCount", "Schedule": "cron(30 0 ? * SAT *)", "ScalableTargetAction": {"MinCapacity": 3}}}),
            json!({"AdvanceTime": {"seconds": 3600}}),
        ],
    );
    s["startTime"] = json!("2024-01-06T00:00:00Z");
    let out = run(s);
    no_errors(&out);
    assert_eq!(desired_at(&out, "web", 1740), 2);
    assert_eq!(desired_at(&out, "web", 1800), 3, "Saturday 00:30");
}

#[test]
fn registering_a_target_moves_desired_count_inside_the_range() {
    let out = run(scenario(
        8,
        vec![target(1, 5), json!({"AdvanceTime": {"seconds": 60}})],
    ));
    no_errors(&out);
    assert_eq!(service(&out, "web")["desiredCount"], 5);
    assert_eq!(service(&out, "web")["runningCount"], 5);
}

#[test]
fn scaling_requests_are_checked_like_application_auto_scaling() {
    let out = run(scenario(
        2,
        vec![
            json!({"PutScalingPolicy": {"PolicyName": "p", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
                "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}),
            json!({"RegisterScalableTarget": {"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 5, "MaxCapacity": 2}}),
            json!({"RegisterScalableTarget": {"ServiceNamespace": "ecs", "ResourceId": "service/default/ghost", "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 2}}),
            json!({"PutMetricAlarm": {"AlarmName": "x", "Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Statistic": "Average", "Period": 60,
                "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}}),
            json!({"PutMetricAlarm": {"AlarmName": "y", "Namespace": "AWS/ECS", "MetricName": "CPUUtilization"}}),
            json!({"SetLoad": {"service": "web", "CPUUtilization": 150}}),
        ],
    ));
    let r = out["responses"].as_array().unwrap();
    assert_eq!(r[1]["error"]["code"], "ObjectNotFoundException");
    assert_eq!(
        r[1]["error"]["message"],
        "No scalable target registered for service namespace: ecs, resource ID: service/default/web, scalable dimension: ecs:service:DesiredCount"
    );
    assert_eq!(r[2]["error"]["code"], "ValidationException");
    assert_eq!(
        r[3]["error"]["message"],
        "ECS service doesn't exist: service/default/ghost"
    );
    assert_eq!(r[4]["error"]["code"], "InvalidParameterValue");
    assert_eq!(r[5]["error"]["code"], "MissingParameter");
    assert_eq!(r[6]["error"]["code"], "InvalidParameterException");
}

#[test]
fn requests_per_minute_drive_cpu_and_alb_request_count_per_target_scales() {
    let out = run(json!({
        "seed": 3,
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("web")],
        "requests": [
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2,
                "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc", "containerName": "web", "containerPort": 80}]}},
            target(1, 10),
            {"PutScalingPolicy": {"PolicyName": "rps", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
                "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 500,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget", "ResourceLabel": "app/lb/123/targetgroup/web/abc"}}}},
            {"SetLoad": {"service": "web", "requestsPerMinute": 2000, "taskCapacity": 1000}},
            {"AdvanceTime": {"seconds": 2400}}
        ]
    }));
    no_errors(&out);
    let first = &out["timeline"][0]["services"]["web"]["metrics"];
    // At one minute no target is healthy yet (five passed checks take 150 s): the load
    // balancer fails open to both registered targets.
    assert_eq!(first["RequestCount"], 2000.0);
    assert_eq!(first["RequestCountPerTarget"], 1000.0);
    assert_eq!(first["CPUUtilization"], 100.0);
    // 1000 per target > 500 for three minutes: ceil(2 x 1000 / 500) = 4.
    assert_eq!(desired_at(&out, "web", 180), 4);
    // RequestCountPerTarget divides by the healthy targets only, so while the new targets pass
    // their first checks the policy keeps scaling out from the running count: an overshoot.
    let peak = series(&out, "web", "desiredCount")
        .iter()
        .map(|(_, d)| *d as u64)
        .max()
        .unwrap();
    assert!(peak >= 8, "peak {peak}");
    // Fifteen minutes at 2000 / 10 = 200 < 450 bring it back to ceil(10 x 200 / 500) = 4:
    // 500 per target, 50% CPU, which neither alarm acts on.
    assert_eq!(service(&out, "web")["desiredCount"], 4);
    let last = &out["timeline"].as_array().unwrap().last().unwrap()["services"]["web"]["metrics"];
    assert_eq!(last["RequestCountPerTarget"], 500.0);
    assert_eq!(last["CPUUtilization"], 50.0);
    assert_eq!(
        last["MemoryUtilization"], 32.5,
        "20% baseline + a quarter of the CPU"
    );
}
