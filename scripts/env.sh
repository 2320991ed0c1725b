# Sourced by the build, test and bench scripts: one cargo target folder outside the clone, so
# that a fresh clone on a machine that built the project before reuses every compiled
# dependency (the C2PA SDK above all) instead of building them again (docs/ci.md).
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aigc-label/target}"
mkdir -p "$CARGO_TARGET_DIR"

# Cargo judges path dependencies by file times, and a clone stamps every file "now": the
# vendored crate would rebuild, and with it the C2PA SDK above it. Give its files the time of
# the last commit that changed them, so unchanged sources look unchanged.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  vendored_at=$(git log -1 --format=%ct -- vendor/ 2>/dev/null || true)
    # Only when vendor/ is exactly as committed: no edits and no new files.
  if [ -n "$vendored_at" ] && [ -z "$(git status --porcelain -- vendor/ 2>/dev/null)" ]; then
    find vendor -type f -exec touch -d "@$vendored_at" {} +
  fi
fi
