//! tags: at most 50 {key, value} pairs; key 1-128 characters, value at most 256; the
//! "aws:" prefix is reserved (BOTO-ECS Tag, RegisterTaskDefinitionRequest.tags).

use crate::sim::json::Json;

use super::ctx::{field, given, item, join, shorten, Ctx};
use super::fields::{check_members, Kind, Place};

const MAX_TAGS: usize = 50;

/// Checks the `tags` member of `obj` (a task definition, or a describe response around one).
pub(crate) fn check_tags(ctx: &mut Ctx, obj: &Json, path: &str) {
    let p = join(path, "tags");
    let value = given(field(obj, "tags"));
    if let Some(v) = value {
        if v.is_object() {
            ctx.error(
                v.span,
                &p,
                "expected an array of {\"key\": ..., \"value\": ...} objects, got an object; write \
                 \"tags\": [{\"key\": \"Project\", \"value\": \"web\"}] (a key-to-value map is \
                 CloudFormation's or Terraform's form, not the ECS API's)",
            );
            return;
        }
    }
    let Some(items) = ctx.array(value, &p, "of {\"key\", \"value\"} objects") else {
        return;
    };
    for (i, t) in items.iter().enumerate() {
        let tp = item(&p, i);
        if i == MAX_TAGS {
            ctx.error(
                t.span,
                &tp,
                format!(
                    "too many tags ({}); ECS allows at most {MAX_TAGS} per resource",
                    items.len()
                ),
            );
        }
        if ctx
            .object(t, &tp, "a tag {\"key\": ..., \"value\": ...}")
            .is_none()
        {
            continue;
        }
        const KNOWN: &[(&str, Kind)] = &[("key", Kind::Detail), ("value", Kind::Detail)];
        check_members(ctx, t, &tp, Place::Other("Tag"), KNOWN);
        let kp = join(&tp, "key");
        match given(field(t, "key")) {
            None => ctx.error(t.span, &kp, "key is required in a tag"),
            Some(k) => {
                if let Some(key) = ctx.string(Some(k), &kp) {
                    let len = key.chars().count();
                    if len == 0 || len > 128 {
                        ctx.error(
                            k.span,
                            &kp,
                            format!("a tag key has 1 to 128 characters; this one has {len}"),
                        );
                    } else if key.len() >= 4
                        && key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
                    {
                        ctx.error(k.span, &kp, format!("\"{}\": the aws: prefix is reserved for AWS use; tag keys may not start with it", shorten(key, 60)));
                    }
                }
            }
        }
        let vp = join(&tp, "value");
        if let Some(v) = given(field(t, "value")) {
            if let Some(value) = ctx.string(Some(v), &vp) {
                let len = value.chars().count();
                if len > 256 {
                    ctx.error(
                        v.span,
                        &vp,
                        format!("a tag value has at most 256 characters; this one has {len}"),
                    );
                }
            }
        }
    }
}
