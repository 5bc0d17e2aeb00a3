//! Disjoint sets: which items end up together once pairs are joined.

/// Items `0..n` joined pairwise into sets. The root of a set is always its
/// smallest member, so what [`UnionFind::find`] returns does not depend on
/// the order the pairs were joined in.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` items, each in a set of its own.
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The smallest member of the set that holds `i`.
    pub(crate) fn find(&mut self, i: usize) -> usize {
        let p = &mut self.parent;
        let mut r = i;
        while p[r] != r {
            // path halving: later finds take fewer steps
            p[r] = p[p[r]];
            r = p[r];
        }
        r
    }

    /// Put `a` and `b` in one set.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnionFind;

    #[test]
    fn a_set_is_found_by_its_smallest_member_whatever_the_order() {
        for pairs in [[(4, 2), (2, 7), (0, 5)], [(0, 5), (7, 2), (2, 4)]] {
            let mut u = UnionFind::new(8);
            for (a, b) in pairs {
                u.union(a, b);
            }
            let roots: Vec<usize> = (0..8).map(|i| u.find(i)).collect();
            assert_eq!(roots, [0, 1, 2, 3, 2, 0, 6, 2]);
        }
    }
}
