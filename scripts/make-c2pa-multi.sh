#!/usr/bin/env bash
# Makes tests/fixtures/c2pa-multi/: the C2PA benchmark's multi-manifest files (issue 24), shaped
# like today's AI images: an active manifest over two ingredient manifests, each signed ES384 by
# a P-384 signer under a P-384 intermediate and root, each with an RFC 3161 time-stamp from an
# offline OpenSSL TSA (P-384 under the same root). Keys live in a temporary folder and are
# thrown away; the certificates are in no trust list. Needs OpenSSL and the make_c2pa_multi
# example. Arguments name the files to make (default: all); each run makes new keys.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=tests/fixtures/c2pa-multi
mkdir -p "$out"

cat > "$work/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# cert NAME SUBJECT ISSUER|self EXTENSION: a P-384 key and a SHA-384 certificate.
cert() {
  local name=$1 subject=$2 issuer=$3 ext=$4
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$work/$name.key" 2>/dev/null
  openssl req -new -key "$work/$name.key" -subj "$subject" -out "$work/$name.csr"
  if [ "$issuer" = self ]; then
    openssl x509 -req -in "$work/$name.csr" -signkey "$work/$name.key" -days 3650 -sha384 \
      -extfile "$work/ext.cnf" -extensions "$ext" -out "$work/$name.pem" 2>/dev/null
  else
    openssl x509 -req -in "$work/$name.csr" -CA "$work/$issuer.pem" -CAkey "$work/$issuer.key" \
      -set_serial "0x$(openssl rand -hex 8)" -days 3650 -sha384 \
      -extfile "$work/ext.cnf" -extensions "$ext" -out "$work/$name.pem" 2>/dev/null
  fi
}

org='/O=aigc-label C2PA benchmark fixture (not trusted)'
cert root "$org/CN=P-384 root" self ca
cert ca "$org/CN=P-384 intermediate" root ca
cert signer "$org/CN=P-384 signer" ca signer
cert tsa "$org/CN=P-384 time-stamp authority" ca tsa
cat "$work/signer.pem" "$work/ca.pem" "$work/root.pem" > "$work/chain.pem"
cat "$work/ca.pem" "$work/root.pem" > "$work/tsa-chain.pem"

echo 01 > "$work/tsaserial"
cat > "$work/tsa.cnf" <<CNF
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = $work
serial = \$dir/tsaserial
signer_cert = \$dir/tsa.pem
signer_key = \$dir/tsa.key
certs = \$dir/tsa-chain.pem
signer_digest = sha384
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF

cargo run --quiet --release --example make_c2pa_multi -- \
  "$work/chain.pem" "$work/signer.key" "$work" "$out" "$@"
ls -l "$out"
