#!/usr/bin/env bash
# Builds a self-contained Linux release of costgate: the Swift standard library and Foundation linked in
# (--static-swift-stdlib; only glibc, libstdc++ and libcurl stay dynamic), stripped, packed as costgate-<version>-linux-<arch>.tar.gz with its SHA-256 in
# costgate-<version>-linux-<arch>.tar.gz.sha256 (the `sha256sum` format, so `sha256sum --check` verifies it).
#
# Usage: ci/build-release.sh [OUTPUT_DIR]      (default: .build/release-artifacts)
#
# Upload both files to the GitHub release tagged v<version>; ci/github-action/action.yml downloads them from
# there. The version is the one `costgate --version` prints (Sources/CostGate/CLI/CLI.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/release-artifacts}"

# FoundationNetworking (URLSession, for `costgate comment`) links the system libcurl dynamically, so the linker
# needs libcurl.so: from libcurl4-openssl-dev, or, where only the runtime libcurl.so.4 is installed, a link to it.
link=()
if ! ld -lcurl -o /dev/null --unresolved-symbols=ignore-all 2>/dev/null; then
  runtime="$(ldconfig -p | awk '/libcurl\.so\.4 .*x86-64|libcurl\.so\.4 .*AArch64/ && !/gnutls|nss/ {print $NF; exit}')"
  if [ -z "${runtime}" ]; then
    echo "build-release: install libcurl4-openssl-dev (libcurl is needed to link FoundationNetworking)" >&2
    exit 2
  fi
  links="$(mktemp -d)"
  ln -s "${runtime}" "${links}/libcurl.so"
  link=(-Xlinker -L"${links}")
fi
swift build -c release --product costgate --static-swift-stdlib -Xswiftc -warnings-as-errors "${link[@]}"
bin="$(swift build -c release --show-bin-path)/costgate"

version="$("$bin" --version | awk '{print $2}')"
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) arch="$(uname -m)" ;;
esac
name="costgate-${version}-linux-${arch}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage" ${links:+"$links"}' EXIT
mkdir -p "$stage/$name" "$out"
cp "$bin" "$stage/$name/costgate"
strip "$stage/$name/costgate"
cp README.md "$stage/$name/README.md"

# The binary must run on its own: print what it still links dynamically, and run it.
echo "build-release: dynamic libraries:"
ldd "$stage/$name/costgate" || true
"$stage/$name/costgate" --version
"$stage/$name/costgate" --help >/dev/null

# A reproducible archive: fixed owner, order and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00:00Z' \
  -C "$stage" -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "build-release: $out/$name.tar.gz ($(wc -c < "$out/$name.tar.gz") bytes; binary $(wc -c < "$stage/$name/costgate") bytes)"
cat "$out/$name.tar.gz.sha256"
