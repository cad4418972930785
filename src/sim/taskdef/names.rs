//! Family and container names: "Up to 255 letters (uppercase and lowercase), numbers,
//! underscores, and hyphens are allowed." (BOTO-ECS RegisterTaskDefinitionRequest.family,
//! ContainerDefinition.name)

use super::ctx::shorten;

/// ECS's sentence about the allowed characters, for messages.
pub const NAME_RULE: &str =
    "up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed";

/// What is wrong with a non-empty name, if anything: the first character ECS refuses, or the
/// length.
pub fn name_problem(name: &str) -> Option<String> {
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Some(format!(
            "\"{}\" contains {}",
            shorten(name, 60),
            char_words(c)
        ));
    }
    let len = name.chars().count();
    if len > 255 {
        return Some(format!("the name is {len} characters long"));
    }
    None
}

/// A character in words: `'$'`, `a space`.
pub fn char_words(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_problem("web-app_1"), None);
        assert!(name_problem("<TASK_NAME>").unwrap().contains("'<'")); // ok: test
        assert!(name_problem("my app").unwrap().contains("a space")); // ok: test
        assert!(name_problem(&"a".repeat(256)).unwrap().contains("256")); // ok: test
        assert_eq!(name_problem(&"a".repeat(255)), None);
    }
}
