#!/usr/bin/env bash
# Prints the PCI part of a sysfs tree (default /sys, or a snapshot taken as docs/import.md
# shows) in the text form the import tests keep as fixtures: one entry per link or file.
#   link PATH -> TARGET        a symbolic link, as readlink prints it
#   text PATH ... .            a text file, its lines, then a line with a single dot
#   hex PATH ... .             a binary file (config) as `xxd -p` prints it, then a dot
# The tests turn such a file back into a tree of real files and links, and import it.
set -euo pipefail
cd "${1:-/sys}"
for link in bus/pci/devices/*; do
    echo "link $link -> $(readlink "$link")"
done
find devices -regextype posix-extended \
    -regex '.*/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/(class|vendor|device|resource|config|driver)' |
    LC_ALL=C sort | while read -r file; do
    if [ -L "$file" ]; then
        echo "link $file -> $(readlink "$file")"
    elif [ "${file##*/}" = config ]; then
        echo "hex $file"; xxd -p "$file"; echo .
    else
        # tar pads sysfs files with NULs (their size is reported as 4096): drop them.
        echo "text $file"; tr -d '\0' < "$file"; echo .
    fi
done
