#!/usr/bin/env bash
# Makes www/warmup/ecdsa.png and www/warmup/rsa.jpg: two small images with C2PA manifests
# signed by throwaway certificate chains made here with OpenSSL. The workers of the page and
# of createVerifier() verify them while idle after loading, so that the first file checked does
# not pay for V8 compiling the C2PA code (docs/performance.md). The ECDSA chain uses all three
# curves the SDK accepts (P-256 signer, P-384 intermediate, P-521 root), the RSA chain RSA-2048
# with a PS256 claim signature. Keys live in a temporary folder and are thrown away; running this
# again gives new, equally good samples.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
CNF

# cert NAME SUBJECT KEY-ARGS ISSUER|self EXTENSION DIGEST
cert() {
  local name=$1 subject=$2 keyargs=$3 issuer=$4 ext=$5 digest=$6
  # shellcheck disable=SC2086
  openssl genpkey $keyargs -out "$work/$name.key" 2>/dev/null
  openssl req -new -key "$work/$name.key" -subj "$subject" -out "$work/$name.csr"
  if [ "$issuer" = self ]; then
    openssl x509 -req -in "$work/$name.csr" -signkey "$work/$name.key" -days 3650 \
      "-$digest" -extfile "$work/ext.cnf" -extensions "$ext" -out "$work/$name.pem" 2>/dev/null
  else
    openssl x509 -req -in "$work/$name.csr" -CA "$work/$issuer.pem" -CAkey "$work/$issuer.key" \
      -set_serial "0x$(openssl rand -hex 8)" -days 3650 "-$digest" \
      -extfile "$work/ext.cnf" -extensions "$ext" -out "$work/$name.pem" 2>/dev/null
  fi
}

org='/O=aigc-label warm-up sample (not trusted)'
cert ec-root "$org/CN=P-521 root" '-algorithm EC -pkeyopt ec_paramgen_curve:P-521' self ca sha512
cert ec-ca "$org/CN=P-384 intermediate" '-algorithm EC -pkeyopt ec_paramgen_curve:P-384' ec-root ca sha512
cert ec-signer "$org/CN=P-256 signer" '-algorithm EC -pkeyopt ec_paramgen_curve:P-256' ec-ca signer sha384
cat "$work/ec-signer.pem" "$work/ec-ca.pem" "$work/ec-root.pem" > "$work/ec-chain.pem"

cert rsa-root "$org/CN=RSA root" '-algorithm RSA -pkeyopt rsa_keygen_bits:2048' self ca sha256
cert rsa-signer "$org/CN=RSA signer" '-algorithm RSA -pkeyopt rsa_keygen_bits:2048' rsa-root signer sha256
cat "$work/rsa-signer.pem" "$work/rsa-root.pem" > "$work/rsa-chain.pem"

cargo run --quiet --release --example make_warmup_sample -- \
  es256 "$work/ec-chain.pem" "$work/ec-signer.key" png www/warmup/ecdsa.png
cargo run --quiet --release --example make_warmup_sample -- \
  ps256 "$work/rsa-chain.pem" "$work/rsa-signer.key" jpeg www/warmup/rsa.jpg
ls -l www/warmup/
