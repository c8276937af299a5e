//! Work over every commit of a long range on every core. Reading a message (herald's
//! parser, or a release tool's own) is independent per commit and is most of the time a
//! preview of 100,000 commits takes; short ranges stay on one thread, where starting
//! threads would cost more than it saves.

/// Below this many items one thread does all the work.
pub const PARALLEL_FROM: usize = 2048;

/// How many threads to share `items` items among: the cores (at most 8), or one when
/// there are fewer items than `parallel_from`.
pub fn threads_for(items: usize, parallel_from: usize) -> usize {
    if items < parallel_from {
        return 1;
    }
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// `items.iter().map(work).collect()`, split among the cores when there are many items.
pub fn map<T: Sync, U: Send>(items: &[T], work: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = threads_for(items.len(), PARALLEL_FROM);
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let work = &work;
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(size)
            .map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<U>>()))
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for part in parts {
            match part.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_many_items_and_of_few() {
        for count in [0, 5, 10_001] {
            let items: Vec<usize> = (0..count).collect();
            let doubled = super::map(&items, |n| n * 2);
            assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
    }
}
