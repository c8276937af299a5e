fn main() {
    let t = std::time::Instant::now();
    let repo = herald::repo::Repo::discover().unwrap();
    let with_paths = std::env::args().nth(1).is_some();
    let h = repo
        .history(&std::env::var("TO").unwrap(), &[], with_paths)
        .unwrap();
    let paths: usize = h.commits.iter().map(|c| c.paths.len()).sum();
    eprintln!(
        "{} commits, {} paths, {:?}",
        h.commits.len(),
        paths,
        t.elapsed()
    );
    let t = std::time::Instant::now();
    let n = h
        .commits
        .iter()
        .map(|c| herald::message::parse(&String::from_utf8_lossy(&c.message)))
        .filter(|c| c.is_breaking())
        .count();
    eprintln!("parse {n} breaking {:?}", t.elapsed());
}
