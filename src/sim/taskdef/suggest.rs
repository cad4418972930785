//! "Did you mean ...?" for misspelt field names and enum values.

/// Edit distance counting an insertion, a deletion, a substitution or a swap of two
/// neighbouring characters as one edit (optimal string alignment), so that `essentail` is one
/// edit from `essential`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // Three rolling rows: two back (for swaps), previous, current.
    let mut two_back = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    // ok (all indexing below): rows have width b.len() + 1, j runs 1..=b.len(), i runs
    // 1..=a.len(), and the swap case is guarded by i > 1 && j > 1.
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Lower case without `_` and `-`, so that `Family`, `container_definitions` and
/// `ContainerDefinitions` (CloudFormation's spelling) all meet the API's camelCase names.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    // No ECS field or value is this long; skipping keeps a pasted megabyte key cheap.
    if word.len() > 64 {
        return None;
    }
    let w = normalise(word);
    // Short names allow one edit, longer ones two: "cpu" must not suggest "gpu"-like noise
    // for every three-letter word.
    let allowed = if w.chars().count() <= 4 { 1 } else { 2 };
    let len = w.chars().count();
    candidates
        .iter()
        // Lengths further apart than the allowed edits cannot match: skip the distance.
        .filter(|c| c.chars().count().abs_diff(len) <= allowed)
        .map(|c| (edit_distance(&w, &normalise(c)), *c))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("famly", "family"), 1);
        assert_eq!(edit_distance("essentail", "essential"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions() {
        let known = ["family", "containerDefinitions", "memory", "cpu"];
        assert_eq!(closest("famly", &known), Some("family"));
        assert_eq!(closest("Family", &known), Some("family"));
        assert_eq!(
            closest("container_definitions", &known),
            Some("containerDefinitions")
        );
        assert_eq!(closest("memroy", &known), Some("memory"));
        assert_eq!(closest("volumes", &known), None);
    }
}
