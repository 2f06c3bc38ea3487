#!/bin/sh
# Builds and runs a Meson consumer project in a scratch copy.
#   run_meson_consumer.sh subproject SOURCE_DIR WORK_DIR
#   run_meson_consumer.sh pkgconfig  SOURCE_DIR WORK_DIR PREFIX
set -eu
kind=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/project" && cp -r "$src/tests/package/consumer" "$work/consumer"
cp "$src/tests/package/meson_$kind/meson.build" "$work/project/"
if [ "$kind" = subproject ]; then
  mkdir -p "$work/project/subprojects"
  ln -s "$src" "$work/project/subprojects/transferscore"
  meson setup "$work/build" "$work/project" --wrap-mode=nodownload
else
  PKG_CONFIG_PATH="$4/share/pkgconfig" meson setup "$work/build" "$work/project" --wrap-mode=nofallback
fi
meson compile -C "$work/build"
meson test -C "$work/build" --print-errorlogs
