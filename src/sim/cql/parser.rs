//! Recursive-descent parser for CQL.
//!
//! Grammar (loosest first):
//!   or    := and (("or" | "||") and)*
//!   and   := unary (("and" | "&&") unary)*
//!   unary := ("not" | "!") unary | "(" or ")" | condition
//!   condition := subject operator [argument]
//! Keywords are lowercase and case-sensitive, as documented.

use regex_lite::Regex;

use super::ast::{Cmp, Condition, Expr, Node, Pattern, Subject, Test, Typed, Value};
use super::error::{short, CqlError};
use super::lexer::{Cursor, RawValue};
use super::{date, eval, hint, version};

/// ECS rejects expressions longer than this many characters.
pub const MAX_LENGTH: usize = 2000;

/// How deep parentheses and `not` may nest: `!x`, `not x`, `(x)` and `not(x)` are one level
/// each. Far beyond real use; it bounds the recursion of the parser, the evaluator, Display
/// and Drop, so hostile input cannot overflow the stack. Display never nests deeper than
/// the text it came from, so a printed expression always parses again.
// Assumption: ECS documents no nesting limit (only the 2000-character one); deeper nesting
// than 64 is reported as an error here.
pub const MAX_DEPTH: usize = 64;

const SUBJECTS: &str =
    "attribute:NAME, task:group, agentConnected, agentVersion, ec2InstanceId, registeredAt or runningTasksCount";
const OPERATORS: &str = "==, !=, in, =~, exists ...";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Cmp(Cmp),
    Exists,
    NotExists,
    In,
    NotIn,
    Matches,
    NotMatches,
}

/// Symbol forms, longest first so `>=` is not read as `>`.
const SYMBOLS: [(&str, Op); 8] = [
    ("==", Op::Cmp(Cmp::Eq)),
    ("!=", Op::Cmp(Cmp::Ne)),
    (">=", Op::Cmp(Cmp::Ge)),
    ("<=", Op::Cmp(Cmp::Le)),
    ("=~", Op::Matches),
    ("!~", Op::NotMatches),
    (">", Op::Cmp(Cmp::Gt)),
    ("<", Op::Cmp(Cmp::Lt)),
];

const WORDS: [(&str, Op); 12] = [
    ("equals", Op::Cmp(Cmp::Eq)),
    ("not_equals", Op::Cmp(Cmp::Ne)),
    ("greater_than", Op::Cmp(Cmp::Gt)),
    ("greater_than_equal", Op::Cmp(Cmp::Ge)),
    ("less_than", Op::Cmp(Cmp::Lt)),
    ("less_than_equal", Op::Cmp(Cmp::Le)),
    ("exists", Op::Exists),
    ("not_exists", Op::NotExists),
    ("in", Op::In),
    ("not_in", Op::NotIn),
    ("matches", Op::Matches),
    ("not_matches", Op::NotMatches),
];

/// What the parser read last, for "after `...`" in messages and for targeted hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Nothing yet: the expression starts here.
    Start,
    Keyword,
    Value,
    Exists,
}

pub(super) fn parse(text: &str) -> Result<Expr, CqlError> {
    let len = text.chars().count();
    if len > MAX_LENGTH {
        return Err(CqlError::new(
            format!("the expression is {len} characters long; ECS allows at most {MAX_LENGTH}"),
            MAX_LENGTH,
        ));
    }
    let mut p = Parser {
        cur: Cursor::new(text),
        depth: 0,
        last: (0, 0),
        last_kind: Last::Start,
    };
    p.cur.skip_ws();
    if p.cur.at_end() {
        return Err(CqlError::new(
            "empty expression: expected a condition such as `attribute:ecs.instance-type == t2.small`",
            p.cur.pos(),
        ));
    }
    let root = p.or_expr()?;
    p.cur.skip_ws();
    if !p.cur.at_end() {
        return Err(p.unexpected_after(false));
    }
    Ok(Expr::new(root, text))
}

struct Parser {
    cur: Cursor,
    depth: usize,
    last: (usize, usize),
    last_kind: Last,
}

impl Parser {
    fn set_last(&mut self, start: usize, end: usize, kind: Last) {
        self.last = (start, end);
        self.last_kind = kind;
    }

    /// The text read last, shortened for messages.
    fn last_text(&self) -> String {
        let (start, end) = self.last;
        if end - start > 40 {
            format!("{}…", self.cur.slice(start, start + 40))
        } else {
            self.cur.slice(start, end)
        }
    }

    fn or_expr(&mut self) -> Result<Node, CqlError> {
        let first = self.and_expr()?;
        if !self.connector("or", "||") {
            return Ok(first);
        }
        let mut items = vec![first];
        loop {
            items.push(self.and_expr()?);
            if !self.connector("or", "||") {
                return Ok(Node::Or(items));
            }
        }
    }

    // Assumption: without parentheses `and` binds tighter than `or` (as in most languages and
    // SQL): `a or b and c` means `a or (b and c)`. The docs only show parentheses.
    fn and_expr(&mut self) -> Result<Node, CqlError> {
        let first = self.unary()?;
        if !self.connector("and", "&&") {
            return Ok(first);
        }
        let mut items = vec![first];
        loop {
            items.push(self.unary()?);
            if !self.connector("and", "&&") {
                return Ok(Node::And(items));
            }
        }
    }

    /// Consumes `word` (as a whole word) or `symbol` if next.
    fn connector(&mut self, word: &str, symbol: &str) -> bool {
        self.cur.skip_ws();
        let start = self.cur.pos();
        if self.cur.eat(symbol) || (self.cur.peek_word() == word && self.cur.eat(word)) {
            self.set_last(start, self.cur.pos(), Last::Keyword);
            return true;
        }
        false
    }

    fn enter(&mut self, at: usize) -> Result<(), CqlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CqlError::new(
                format!("the expression nests too deeply (more than {MAX_DEPTH} levels of parentheses and `not`; `not(...)` counts as one)"),
                at,
            ));
        }
        Ok(())
    }

    /// `!x` / `not x`, `(...)` or a condition. Each `not`/`!` and each `(` is one level of
    /// nesting, except that a `not`/`!` directly followed by its `(` (as in `not(x)`, the
    /// form Display prints) is one level together, so printing never nests deeper than the
    /// text that was parsed.
    fn unary(&mut self) -> Result<Node, CqlError> {
        self.cur.skip_ws();
        let start = self.cur.pos();
        let negation = match self.cur.peek() {
            Some('!') => {
                self.cur.bump();
                true
            }
            _ => self.cur.peek_word() == "not" && self.cur.eat("not"),
        };
        if negation {
            self.set_last(start, self.cur.pos(), Last::Keyword);
            self.enter(start)?;
            self.cur.skip_ws();
            let inner = if self.cur.peek() == Some('(') {
                // `not(...)`: the group shares the `not`'s level.
                let open = self.cur.pos();
                self.group(open)?
            } else {
                self.unary()?
            };
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner)));
        }
        // Assumption: the docs say "a single expression can't contain parentheses", yet their own
        // example `not(task:group == database)` has them; we read it as "no parentheses inside
        // a condition" and accept redundant ones around any condition, e.g. `(a == b)`.
        if self.cur.peek() == Some('(') {
            self.enter(start)?;
            let inner = self.group(start)?;
            self.depth -= 1;
            return Ok(inner);
        }
        self.condition()
    }

    /// `( or )` with the cursor at the `(` (at `start`); the caller accounts for its depth.
    fn group(&mut self, start: usize) -> Result<Node, CqlError> {
        self.cur.bump();
        self.set_last(start, start + 1, Last::Keyword);
        let inner = self.or_expr()?;
        self.cur.skip_ws();
        if self.cur.peek() != Some(')') {
            return Err(if self.cur.at_end() {
                CqlError::new(
                    format!("expected `)` (to close the `(` from column {})", start + 1),
                    self.cur.pos(),
                )
            } else {
                self.unexpected_after(true)
            });
        }
        let close = self.cur.pos();
        self.cur.bump();
        self.set_last(close, close + 1, Last::Keyword);
        Ok(inner)
    }

    /// The error for text that cannot follow a complete condition or group.
    fn unexpected_after(&mut self, in_group: bool) -> CqlError {
        let pos = self.cur.pos();
        if self.cur.peek() == Some(')') && !in_group {
            return CqlError::new("unexpected `)`: there is no `(` to close", pos);
        }
        let word = self.cur.peek_word();
        if let Some(k) = hint::lowercase_keyword(&word, &["and", "or"]) {
            return CqlError::new(
                format!("keywords are lowercase: write `{k}` instead of `{word}`"),
                pos,
            );
        }
        let expected = if in_group {
            "`and`, `or` or `)`"
        } else {
            "`and`, `or` or the end of the expression"
        };
        let mut message = format!(
            "expected {expected} after `{}`, found {}",
            self.last_text(),
            self.cur.found()
        );
        match self.last_kind {
            // Two conditions side by side: the connective is missing.
            _ if is_subject_like(&word) => message.push_str("; missing `and` or `or`?"),
            Last::Exists => message.push_str(&format!("; `{}` takes no value", self.last_text())),
            Last::Value if !word.is_empty() => {
                message.push_str("; quote a value that contains spaces")
            }
            _ => {}
        }
        CqlError::new(message, pos)
    }

    fn condition(&mut self) -> Result<Node, CqlError> {
        self.cur.skip_ws();
        let start = self.cur.pos();
        let word = self.cur.word();
        let end = self.cur.pos();
        if word.is_empty() {
            return Err(self.expected_condition(start));
        }
        let subject = match word.as_str() {
            "agentConnected" => Subject::AgentConnected,
            "agentVersion" => Subject::AgentVersion,
            "ec2InstanceId" => Subject::Ec2InstanceId,
            "registeredAt" => Subject::RegisteredAt,
            "runningTasksCount" => Subject::RunningTasksCount,
            "task:group" => Subject::TaskGroup,
            _ => match word.strip_prefix("attribute:") {
                Some(name) => self.attribute(name, start)?,
                None => return Err(self.unknown_subject(&word, start)),
            },
        };
        self.set_last(start, end, Last::Keyword);
        let (op, op_start, op_end) = self.operator(&word)?;
        self.check_operator(&subject, op, op_start, op_end)?;
        let op_text = self.cur.slice(op_start, op_end);
        let test = match op {
            Op::Exists | Op::NotExists => {
                self.set_last(op_start, op_end, Last::Exists);
                Test::Exists {
                    negated: op == Op::NotExists,
                }
            }
            Op::In | Op::NotIn => Test::In {
                negated: op == Op::NotIn,
                values: self.list(&subject, &op_text)?,
            },
            Op::Matches | Op::NotMatches => Test::Matches {
                negated: op == Op::NotMatches,
                pattern: self.pattern(&op_text)?,
            },
            Op::Cmp(cmp) => {
                let raw = self.value(&op_text)?;
                Test::Compare {
                    cmp,
                    value: typed(&subject, raw)?,
                }
            }
        };
        Ok(Node::Cond(Condition { subject, test }))
    }

    /// No subject where a condition must start.
    fn expected_condition(&mut self, at: usize) -> CqlError {
        let after = self.last_text();
        if self.last_kind == Last::Start {
            return CqlError::new(
                format!(
                    "expected a subject ({SUBJECTS}), found {}",
                    self.cur.found()
                ),
                at,
            );
        }
        match self.cur.peek() {
            None => CqlError::new(format!("expected a condition after `{after}`"), at),
            Some(_) => CqlError::new(
                format!(
                    "expected a subject ({SUBJECTS}) after `{after}`, found {}",
                    self.cur.found()
                ),
                at,
            ),
        }
    }

    fn unknown_subject(&self, word: &str, at: usize) -> CqlError {
        let word = short(word);
        let word = word.as_str();
        if word == "and" || word == "or" {
            return CqlError::new(format!("expected a condition before `{word}`"), at);
        }
        if let Some(k) = hint::lowercase_keyword(word, &["not", "and", "or"]) {
            return CqlError::new(
                format!("keywords are lowercase: write `{k}` instead of `{word}`"),
                at,
            );
        }
        match hint::subject(word) {
            Some(s) => CqlError::new(format!("unknown subject `{word}`; did you mean `{s}`?"), at),
            None => CqlError::new(format!("unknown subject `{word}`; expected {SUBJECTS}"), at),
        }
    }

    /// Checks an attribute name (the part after `attribute:`, which starts at `at + 10`).
    fn attribute(&self, name: &str, at: usize) -> Result<Subject, CqlError> {
        const RULE: &str = "attribute names hold letters, digits, - _ / \\ and . only";
        let name_at = at + "attribute:".len();
        if name.is_empty() {
            return Err(CqlError::new(
                "expected an attribute name after `attribute:`",
                name_at,
            ));
        }
        // Word characters are ASCII, so byte and character positions agree here.
        if let Some(i) = name.find(':') {
            return Err(CqlError::new(
                format!("`:` is not allowed here: {RULE}"),
                name_at + i,
            ));
        }
        if name.len() > 128 {
            return Err(CqlError::new(
                "attribute names are at most 128 characters",
                name_at + 128,
            ));
        }
        // A character glued to the name that no name may hold: say so, rather than
        // "expected an operator".
        if let Some(c) = self.cur.peek() {
            if !c.is_whitespace() && !matches!(c, '=' | '!' | '<' | '>' | '(' | ')') {
                return Err(CqlError::new(
                    format!("`{c}` is not allowed here: {RULE}"),
                    self.cur.pos(),
                ));
            }
        }
        Ok(Subject::Attribute(name.to_string()))
    }

    /// Reads an operator; returns it with its character range.
    fn operator(&mut self, subject: &str) -> Result<(Op, usize, usize), CqlError> {
        self.cur.skip_ws();
        let start = self.cur.pos();
        // `!exists` and `!in`: a `!` glued to a word.
        if self.cur.peek() == Some('!')
            && self.cur.peek_at(1).is_some_and(|c| c.is_ascii_alphabetic())
        {
            self.cur.bump();
            let op = match self.cur.word().as_str() {
                "exists" => Op::NotExists,
                "in" => Op::NotIn,
                _ => {
                    self.cur.set_pos(start);
                    return Err(self.no_operator(subject, start, ""));
                }
            };
            return Ok((op, start, self.cur.pos()));
        }
        for (symbol, op) in SYMBOLS {
            if self.cur.eat(symbol) {
                return Ok((op, start, self.cur.pos()));
            }
        }
        if self.cur.peek() == Some('=') {
            let meant = match self.cur.peek_at(1) {
                Some('>') => ">=",
                Some('<') => "<=",
                _ => "==",
            };
            return Err(self.no_operator(subject, start, &format!("; did you mean `{meant}`?")));
        }
        let word = self.cur.word();
        if let Some((_, op)) = WORDS.iter().find(|(w, _)| *w == word) {
            return Ok((*op, start, self.cur.pos()));
        }
        self.cur.set_pos(start);
        let hint = match hint::lowercase_keyword(&word, &WORDS.map(|(w, _)| w)) {
            Some(k) => format!("; operators are lowercase: write `{k}`"),
            None => String::new(),
        };
        Err(self.no_operator(subject, start, &hint))
    }

    fn no_operator(&self, subject: &str, at: usize, hint: &str) -> CqlError {
        let found = if self.cur.at_end() {
            String::new()
        } else {
            format!(", found {}", self.cur.found())
        };
        CqlError::new(
            format!("expected an operator ({OPERATORS}) after `{subject}`{found}{hint}"),
            at,
        )
    }

    // Assumption: the documented operator table is enforced: agentVersion, registeredAt and
    // runningTasksCount take only ==, !=, >, >=, <, <=; agentConnected and ec2InstanceId take
    // only ==, !=, in, !in, =~, !~. The docs list nothing for attribute:NAME (every operator is
    // accepted) or task:group (every operator but >, >=, <, <=, which mean nothing for group
    // names).
    fn check_operator(
        &self,
        subject: &Subject,
        op: Op,
        start: usize,
        end: usize,
    ) -> Result<(), CqlError> {
        let ordering = matches!(op, Op::Cmp(Cmp::Gt | Cmp::Ge | Cmp::Lt | Cmp::Le));
        let (ok, valid) = match subject {
            Subject::AgentVersion | Subject::RegisteredAt | Subject::RunningTasksCount => {
                (matches!(op, Op::Cmp(_)), "==, !=, >, >=, <, <=")
            }
            Subject::AgentConnected | Subject::Ec2InstanceId => (
                !ordering && !matches!(op, Op::Exists | Op::NotExists),
                "==, !=, in, !in, =~, !~",
            ),
            Subject::TaskGroup => (!ordering, "==, !=, in, !in, =~, !~, exists, !exists"),
            Subject::Attribute(_) => (true, ""),
        };
        if ok {
            return Ok(());
        }
        Err(CqlError::new(
            format!(
                "`{}` is not valid for {} (valid: {valid})",
                self.cur.slice(start, end),
                subject.keyword()
            ),
            start,
        ))
    }

    /// A single value after a comparison operator.
    fn value(&mut self, op: &str) -> Result<RawValue, CqlError> {
        self.cur.skip_ws();
        let raw = match self.cur.quoted()? {
            Some(q) => q,
            None => self.cur.bare_value(),
        };
        if !raw.quoted && raw.text.is_empty() {
            let at = self.cur.pos();
            let hint = match self.cur.peek() {
                None => String::new(),
                Some('[') => ", found `[`: lists go with `in`, as in `in [a, b]`".to_string(),
                Some('(' | ')') => {
                    format!(", found `{}`: a single condition can't contain parentheses; quote the value", self.cur.found().trim_matches('`'))
                }
                Some(_) => format!(", found {}", self.cur.found()),
            };
            return Err(CqlError::new(
                format!("expected a value after `{op}`{hint}"),
                at,
            ));
        }
        self.set_last(raw.start, raw.end, Last::Value);
        Ok(raw)
    }

    /// `[a, b, 'c']` after `in` / `!in`.
    fn list(&mut self, subject: &Subject, op: &str) -> Result<Vec<Value>, CqlError> {
        self.cur.skip_ws();
        let open = self.cur.pos();
        if !self.cur.eat("[") {
            let found = if self.cur.at_end() {
                String::new()
            } else {
                format!(", found {}", self.cur.found())
            };
            return Err(CqlError::new(
                format!("expected a list such as [a, b] after `{op}`{found}"),
                open,
            ));
        }
        let unterminated = |at| {
            CqlError::new(
                format!(
                    "unterminated list: expected `]` (to close the `[` from column {})",
                    open + 1
                ),
                at,
            )
        };
        let mut values = Vec::new();
        loop {
            self.cur.skip_ws();
            let raw = match self.cur.quoted()? {
                Some(q) => q,
                None => self.cur.bare_value(),
            };
            if !raw.quoted && raw.text.is_empty() {
                let at = self.cur.pos();
                return Err(match self.cur.peek() {
                    None => unterminated(at),
                    Some(']') if values.is_empty() => {
                        CqlError::new("expected at least one value in the list", at)
                    }
                    Some(']') => CqlError::new("expected a value after `,`", at),
                    Some(',') => CqlError::new("expected a value before `,`", at),
                    Some(_) => CqlError::new(
                        format!("expected a value in the list, found {}", self.cur.found()),
                        at,
                    ),
                });
            }
            values.push(typed(subject, raw)?);
            self.cur.skip_ws();
            match self.cur.peek() {
                Some(',') => self.cur.bump(),
                Some(']') => {
                    self.cur.bump();
                    self.set_last(open, self.cur.pos(), Last::Keyword);
                    return Ok(values);
                }
                None => return Err(unterminated(self.cur.pos())),
                Some(_) => {
                    return Err(CqlError::new(
                        format!(
                            "expected `,` or `]` in the list, found {}",
                            self.cur.found()
                        ),
                        self.cur.pos(),
                    ))
                }
            }
        }
    }

    /// The regex after `=~` / `!~`, compiled now so evaluation never fails.
    fn pattern(&mut self, op: &str) -> Result<Pattern, CqlError> {
        self.cur.skip_ws();
        let raw = match self.cur.quoted()? {
            Some(q) => q,
            None => self.cur.bare_regex(),
        };
        if !raw.quoted && raw.text.is_empty() {
            let found = if self.cur.at_end() {
                String::new()
            } else {
                format!(", found {}", self.cur.found())
            };
            return Err(CqlError::new(
                format!("expected a regular expression after `{op}`{found}"),
                self.cur.pos(),
            ));
        }
        self.set_last(raw.start, raw.end, Last::Value);
        compile(&raw)
    }
}

// Assumption: `=~` / `!~` must match the WHOLE value, like Java's String.matches (the docs
// name java.util.regex but not full vs partial): `t2.*` means "starts with t2", `t2` alone
// matches only "t2". Patterns use regex-lite syntax, which agrees with Java for the usual
// constructs (classes, groups, alternation, quantifiers, (?i)); Java's lookaround and
// backreferences are rejected as invalid.
fn compile(raw: &RawValue) -> Result<Pattern, CqlError> {
    let invalid = |why: &dyn std::fmt::Display| {
        CqlError::new(
            format!("invalid regular expression `{}`: {why}", short(&raw.text)),
            raw.start,
        )
    };
    // Validate the pattern alone first: wrapping it could balance a stray `)` (`a)|(b`).
    Regex::new(&raw.text).map_err(|e| invalid(&e))?;
    // In verbose mode a `#` comment would swallow the closing anchor we add.
    if enables_verbose(&raw.text) {
        return Err(invalid(&"the x (verbose) flag is not supported"));
    }
    let regex = Regex::new(&format!("\\A(?:{})\\z", raw.text)).map_err(|e| invalid(&e))?;
    Ok(Pattern {
        source: raw.text.clone(),
        regex,
    })
}

/// Whether an inline flag group such as `(?x)` or `(?ix:...)` turns verbose mode on.
fn enables_verbose(pattern: &str) -> bool {
    pattern.split("(?").skip(1).any(|rest| {
        rest.chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .take_while(|c| *c != '-')
            .any(|c| c == 'x')
    })
}

/// Whether a word starts a condition, for the "missing `and`" hint.
fn is_subject_like(word: &str) -> bool {
    word.starts_with("attribute:")
        || word.starts_with("task:")
        || matches!(
            word,
            "not"
                | "agentConnected"
                | "agentVersion"
                | "ec2InstanceId"
                | "registeredAt"
                | "runningTasksCount"
        )
}

/// Converts an argument to the subject's type, reporting values the subject cannot take.
// Assumption: agentConnected is compared with the lowercase words true and false (keywords
// are lowercase throughout CQL); anything else is an error rather than never matching.
fn typed(subject: &Subject, raw: RawValue) -> Result<Value, CqlError> {
    let text = &raw.text;
    let shown = short(text);
    let typed = match subject {
        Subject::AgentConnected => match text.as_str() {
            "true" | "false" => Typed::Bool,
            _ => {
                return Err(CqlError::new(
                    format!("agentConnected is compared with true or false, found `{shown}`"),
                    raw.start,
                ))
            }
        },
        Subject::AgentVersion => match version::parse_version(text) {
            Ok(v) => Typed::Version(v),
            Err(why) => {
                return Err(CqlError::new(
                    format!(
                        "invalid agent version `{shown}`: {why}; expected a version such as 1.14.5"
                    ),
                    raw.start,
                ))
            }
        },
        Subject::RegisteredAt => match date::parse_instant(text) {
            Ok(t) => Typed::Instant(t),
            Err(why) => {
                return Err(CqlError::new(
                    format!("invalid date `{shown}`: {why}; expected {}", date::FORMATS),
                    raw.start,
                ))
            }
        },
        Subject::RunningTasksCount => {
            let digits = !text.is_empty() && text.bytes().all(|c| c.is_ascii_digit());
            match text.parse::<u64>() {
                Ok(n) if digits => Typed::Count(n),
                _ if digits => return Err(CqlError::new(format!("`{shown}` is too large for runningTasksCount"), raw.start)),
                _ => {
                    return Err(CqlError::new(
                        format!("runningTasksCount is compared with a whole number such as 1, found `{shown}`"),
                        raw.start,
                    ))
                }
            }
        }
        Subject::Attribute(_) => Typed::Text {
            number: eval::decimal(text),
        },
        Subject::Ec2InstanceId | Subject::TaskGroup => Typed::Text { number: None },
    };
    Ok(Value {
        text: raw.text,
        typed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbose_flag_detection() {
        assert!(enables_verbose("(?x)a # c"));
        assert!(enables_verbose("(?ix:a)"));
        assert!(!enables_verbose("(?i)a"));
        assert!(!enables_verbose("(?-x)a"));
        assert!(!enables_verbose("(?:x)"));
    }
}
