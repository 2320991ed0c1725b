// aigc-label patch (vendor/README.md): this file is new.

//! Raw signature checks remembered for the length of one validation.
//!
//! A manifest store with ingredient manifests often repeats the same signatures: every
//! manifest signed by one signer checks the same intermediate and root links, and every
//! time-stamp from one authority checks the same TSA chain. A signature check is a pure
//! function of (algorithm, signature, data, public key), so while a [`ValidationScope`] is
//! open on this thread, each distinct check runs once and its outcome is reused. Only the two
//! outcomes that depend on nothing but those bytes are kept: valid and
//! [`RawSignatureValidationError::SignatureMismatch`]; other errors are computed again.
//! Outside a scope nothing is kept, so code that does not open one sees no change.

use std::cell::RefCell;

use super::{RawSignatureValidationError, RawSignatureValidator};

/// At most this many checks are kept per scope; later ones are computed every time.
const MAX_ENTRIES: usize = 64;
/// At most this many bytes of keys (signatures, signed data, public keys) are kept per scope.
const MAX_KEY_BYTES: usize = 1 << 20;

struct Entry {
    algorithm: Vec<u8>,
    signature: Vec<u8>,
    data: Vec<u8>,
    public_key: Vec<u8>,
    valid: bool,
}

impl Entry {
    fn matches(&self, algorithm: &[u8], signature: &[u8], data: &[u8], public_key: &[u8]) -> bool {
        self.signature == signature
            && self.algorithm == algorithm
            && self.public_key == public_key
            && self.data == data
    }
}

#[derive(Default)]
struct Memo {
    depth: usize,
    disabled: bool,
    entries: Vec<Entry>,
    key_bytes: usize,
    computed: u64,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// While alive, signature checks on this thread are remembered; when the outermost scope
/// ends, everything remembered is dropped. Scopes nest.
#[must_use = "the scope ends when this value is dropped"]
pub struct ValidationScope {
    _not_send: std::marker::PhantomData<*const ()>,
}

impl ValidationScope {
    /// Opens a scope on this thread.
    pub fn enter() -> Self {
        MEMO.with(|memo| memo.borrow_mut().depth += 1);
        Self {
            _not_send: std::marker::PhantomData,
        }
    }
}

impl Drop for ValidationScope {
    fn drop(&mut self) {
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            memo.depth = memo.depth.saturating_sub(1);
            if memo.depth == 0 {
                memo.entries.clear();
                memo.key_bytes = 0;
            }
        });
    }
}

/// Turns remembering off (or back on) on this thread, so that tests can compare results
/// with and without it.
pub fn set_enabled(enabled: bool) {
    MEMO.with(|memo| memo.borrow_mut().disabled = !enabled);
}

/// How many signature checks this thread has computed (not taken from the memo) so far.
pub fn computed_checks() -> u64 {
    MEMO.with(|memo| memo.borrow().computed)
}

/// A validator whose checks are remembered within a [`ValidationScope`]. `algorithm` names
/// the choice of `inner` exactly: equal names must mean equal validators.
pub(crate) struct MemoisedValidator {
    pub(crate) algorithm: Vec<u8>,
    pub(crate) inner: Box<dyn RawSignatureValidator>,
}

impl RawSignatureValidator for MemoisedValidator {
    fn validate(
        &self,
        sig: &[u8],
        data: &[u8],
        public_key: &[u8],
    ) -> Result<(), RawSignatureValidationError> {
        let remembered = MEMO.with(|memo| {
            let memo = memo.borrow();
            if memo.depth == 0 || memo.disabled {
                return None;
            }
            memo.entries
                .iter()
                .find(|e| e.matches(&self.algorithm, sig, data, public_key))
                .map(|e| e.valid)
        });
        match remembered {
            Some(true) => return Ok(()),
            Some(false) => return Err(RawSignatureValidationError::SignatureMismatch),
            None => {}
        }
        let result = self.inner.validate(sig, data, public_key);
        let valid = match &result {
            Ok(()) => Some(true),
            Err(RawSignatureValidationError::SignatureMismatch) => Some(false),
            Err(_) => None,
        };
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            memo.computed += 1;
            let size = self.algorithm.len() + sig.len() + data.len() + public_key.len();
            if let Some(valid) = valid {
                if memo.depth > 0
                    && !memo.disabled
                    && memo.entries.len() < MAX_ENTRIES
                    && memo.key_bytes + size <= MAX_KEY_BYTES
                {
                    memo.key_bytes += size;
                    memo.entries.push(Entry {
                        algorithm: self.algorithm.clone(),
                        signature: sig.to_vec(),
                        data: data.to_vec(),
                        public_key: public_key.to_vec(),
                        valid,
                    });
                }
            }
        });
        result
    }
}
