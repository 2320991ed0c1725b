//! The bytes of input held at once across jobs. A check may hold a file whole (images, text,
//! and any file whose C2PA store is validated, up to `MAX_WHOLE_FILE`), and the C2PA SDK
//! copies it again while it reads the store: with `--jobs` = cores, a handful of hostile
//! 500 MB files would take every byte of a large machine. So each job takes its file's size
//! from one budget before it reads, and gives it back when its report is made; `--jobs` bounds
//! the threads, the budget the memory (docs/performance.md, "CLI memory with --jobs").

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use aigc_label::source::MAX_WHOLE_FILE;

/// The default budget: 1 GiB of input, two of the largest files read whole at a time; normal
/// photos (a few MB) run hundreds at once, so only huge inputs ever wait. The peak resident
/// memory is about three times the budget (the file, and the SDK's copies while it reads).
pub const DEFAULT: u64 = 1 << 30;

/// The environment variable that sets another budget: bytes, or a number with a `K`, `M` or
/// `G` suffix (powers of 1024). Not a flag: the default suits every machine with a few GB, and
/// tests use it to force jobs to wait for each other.
pub const ENV: &str = "AIGC_LABEL_MEMORY_BUDGET";

/// The budget from [`ENV`], or [`DEFAULT`] when it is unset.
pub fn from_env() -> Result<u64, String> {
    match std::env::var(ENV) {
        Ok(value) => parse(&value).ok_or_else(|| {
            format!("{ENV} must be a number of bytes above 0, with an optional K, M or G suffix (got \"{value}\")")
        }),
        Err(std::env::VarError::NotPresent) => Ok(DEFAULT),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{ENV} is not UTF-8")),
    }
}

/// "1073741824", "1024M", "1g": bytes above 0.
fn parse(value: &str) -> Option<u64> {
    let value = value.trim();
    let (digits, shift) = match value.char_indices().last()? {
        (at, 'k' | 'K') => (value.get(..at)?, 10),
        (at, 'm' | 'M') => (value.get(..at)?, 20),
        (at, 'g' | 'G') => (value.get(..at)?, 30),
        _ => (value, 0),
    };
    let n = digits.parse::<u64>().ok()?.checked_mul(1 << shift)?;
    (n > 0).then_some(n)
}

/// What checking a file of `len` bytes may hold whole: the file, when it is small enough to be
/// read whole; nothing for larger files, which are only ever streamed by headers and metadata.
pub fn charge(len: u64) -> u64 {
    if len <= MAX_WHOLE_FILE {
        len
    } else {
        0
    }
}

/// A counting semaphore over bytes, shared by the jobs of one run.
pub struct Budget {
    capacity: u64,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Default)]
struct State {
    held: u64,
    /// The most bytes held at once so far (for tests).
    peak: u64,
}

impl Budget {
    /// A budget of `capacity` bytes (at least 1).
    pub fn new(capacity: u64) -> Self {
        Budget {
            capacity: capacity.max(1),
            state: Mutex::new(State::default()),
            freed: Condvar::new(),
        }
    }

    /// Takes `bytes` from the budget, waiting until they are free. A request larger than the
    /// whole budget takes all of it, so that such a file still runs, alone.
    pub fn acquire(&self, bytes: u64) -> Held<'_> {
        let bytes = bytes.min(self.capacity);
        let mut state = self.lock();
        while state.held.saturating_add(bytes) > self.capacity {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.held += bytes;
        state.peak = state.peak.max(state.held);
        Held {
            budget: self,
            bytes,
        }
    }

    /// The most bytes held at once so far.
    #[cfg(test)]
    pub fn peak(&self) -> u64 {
        self.lock().peak
    }

    /// The state; a job that panicked while holding the lock left it consistent (every change
    /// is one assignment), so poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Bytes taken from a [`Budget`], given back when dropped.
pub struct Held<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut state = self.budget.lock();
        state.held = state.held.saturating_sub(self.bytes);
        drop(state);
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse("1073741824"), Some(1 << 30));
        assert_eq!(parse("512M"), Some(512 << 20));
        assert_eq!(parse(" 2g "), Some(2 << 30));
        assert_eq!(parse("64k"), Some(64 << 10));
        for bad in ["", "0", "0M", "M", "-1", "1.5G", "1T", "99999999999G"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_files_read_whole_are_charged() {
        assert_eq!(charge(5 << 20), 5 << 20);
        assert_eq!(charge(MAX_WHOLE_FILE), MAX_WHOLE_FILE);
        assert_eq!(charge(MAX_WHOLE_FILE + 1), 0);
    }

    /// Eight jobs of 60 bytes on a budget of 100: never two at once, whatever the timing.
    #[test]
    fn jobs_wait_until_their_bytes_fit() {
        let budget = Budget::new(100);
        let running = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let _held = budget.acquire(60);
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    running.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
        assert_eq!(budget.peak(), 60);
    }

    /// A file larger than the budget still runs, alone; small ones run side by side.
    #[test]
    fn an_oversized_file_runs_alone() {
        let budget = Budget::new(100);
        {
            let _a = budget.acquire(30);
            let _b = budget.acquire(30);
            let _c = budget.acquire(0);
            assert_eq!(budget.peak(), 60);
        }
        let big = budget.acquire(1000);
        assert_eq!(budget.peak(), 100);
        let waiting = std::thread::scope(|scope| {
            let small = scope.spawn(|| {
                let _held = budget.acquire(1);
                budget.peak()
            });
            std::thread::sleep(Duration::from_millis(20));
            assert!(!small.is_finished(), "a job ran beside an oversized one");
            drop(big);
            small.join().unwrap()
        });
        assert_eq!(waiting, 100);
    }
}
