//! Stable sorting with a single copy of the sorting algorithm in the wasm.
//!
//! `slice::sort_by` is generic: every element type and comparator gets its own copy of the
//! algorithm, about 4 KB of wasm each, and the page sorts a dozen kinds of short lists
//! (diagnostics, zones, events, scaling steps...). Here they all sort positions with one
//! comparator type (`&dyn Fn`), then move the elements into that order: one copy of the
//! algorithm, and the same stable result as `sort_by`.

use std::cmp::Ordering;

/// Like `slice::sort_by`: stable, equal elements keep their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = items;
        sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Like `slice::sort_by_key` (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Like `slice::sort` (stable).
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// `0..n` in the order `compare` gives, stable. Not generic: the one place the sorting
/// algorithm is compiled.
fn sorted_positions(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_like_the_standard_sort() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(items, expected);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_strings_and_short_lists() {
        let mut words = vec!["b".to_string(), "a".into(), "c".into()];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
        let mut one = vec![5];
        sort(&mut one);
        assert_eq!(one, [5]);
        let mut none: Vec<u8> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
