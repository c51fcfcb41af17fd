#!/usr/bin/env bash
# Builds the project's container images locally, with no image registry: debootstrap a minimal Debian root from the
# machine's configured apt mirror, `docker import` it as the base image, then build each sample image on top of it
# with its Dockerfile. Every image is tagged with a hash of what it is made from, so a second run finds it and
# builds nothing; `<name>:latest` points at the current one.
#
#   scripts/images/build.sh [IMAGE...]    IMAGE: base shell-loop echo-service train (default: all)
#
# Needs a running Docker engine (DOCKER_HOST is honoured) and, for the base image, root and debootstrap
# (scripts/bootstrap.sh installs both). Progress goes to stderr; stdout gets one line per image: `NAME IMAGE:TAG`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

log() { printf '[images] %s\n' "$*" >&2; }
fail() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

suite=bookworm
rootfs_to_remove=
trap '[[ -z "$rootfs_to_remove" ]] || rm -rf "$rootfs_to_remove"' EXIT
# The mirror the machine's apt already uses (deb822 or one-line sources), unless DEPIN_DEBIAN_MIRROR names one.
configured_mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  [[ -n "$uri" ]] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
mirror=${DEPIN_DEBIAN_MIRROR:-$(configured_mirror)}
samples=(shell-loop echo-service train)

docker info >/dev/null 2>&1 || fail "no Docker engine answers (docker info failed); start dockerd (scripts/bootstrap.sh installs docker.io) or set DOCKER_HOST"

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The base image's content: the suite, the package set and this recipe. The mirror is not part of it (same packages).
base_recipe() {
  printf 'suite=%s\nvariant=minbase\ninclude=ca-certificates\nrecipe=%s\n' "$suite" "$(sed -n '/^build_base()/,/^}/p' "$0")"
}

build_base() {
  local tag=$1 rootfs
  [[ $(id -u) -eq 0 ]] || fail "building the base image needs root (debootstrap)"
  command -v debootstrap >/dev/null || fail "debootstrap is missing; run scripts/bootstrap.sh"
  rootfs=$(mktemp -d /tmp/depingpu-rootfs.XXXXXX)
  rootfs_to_remove=$rootfs
  log "debootstrap $suite (minbase) from $mirror into $rootfs (takes a few minutes)"
  debootstrap --variant=minbase --include=ca-certificates "$suite" "$rootfs" "$mirror" >&2
  # apt inside the images uses the same mirror; its Release files may be older than apt's default validity window.
  printf 'deb %s %s main\n' "$mirror" "$suite" > "$rootfs/etc/apt/sources.list"
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' > "$rootfs/etc/apt/apt.conf.d/99depingpu"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  log "importing the root as $tag"
  tar -C "$rootfs" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$tag" >/dev/null
  rm -rf "$rootfs"; rootfs_to_remove=
}

content_hash() { # files... -> sha256 of their paths and contents
  local file
  for file in "$@"; do printf '%s\n' "$file"; sha256sum < "$file"; done | sha256sum | cut -c1-16
}

ensure_base() {
  local hash tag
  hash=$(base_recipe | sha256sum | cut -c1-16)
  tag="depingpu/base:$hash"
  if image_exists "$tag"; then log "base image $tag is built (cached)"; else build_base "$tag"; fi
  docker tag "$tag" depingpu/base:latest
  echo "base $tag"
}

ensure_sample() { # name base-tag
  local name=$1 base_tag=$2 dir="samples/$1" hash tag files
  [[ -f "$dir/Dockerfile" ]] || fail "$dir/Dockerfile is missing"
  mapfile -t files < <(find "$dir" -type f | LC_ALL=C sort)
  hash=$( { echo "$base_tag"; content_hash "${files[@]}"; } | sha256sum | cut -c1-16)
  tag="depingpu/$name:$hash"
  if image_exists "$tag"; then
    log "$name image $tag is built (cached)"
  else
    log "building $tag from $dir"
    # Host network for the build only (apt reaches the mirror the host reaches); workloads never get it.
    docker build --network host --build-arg "BASE=$base_tag" -t "$tag" "$dir" >&2
  fi
  docker tag "$tag" "depingpu/$name:latest"
  echo "$name $tag"
}

wanted=("$@")
((${#wanted[@]})) || wanted=(base "${samples[@]}")
for name in "${wanted[@]}"; do
  [[ "$name" == base || " ${samples[*]} " == *" $name "* ]] || fail "unknown image $name (known: base ${samples[*]})"
done

base_line=$(ensure_base)
base_tag=${base_line#base }
[[ " ${wanted[*]} " == *" base "* ]] && echo "$base_line"
for name in "${samples[@]}"; do
  [[ " ${wanted[*]} " == *" $name "* ]] && ensure_sample "$name" "$base_tag"
done
exit 0
