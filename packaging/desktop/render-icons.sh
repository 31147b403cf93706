#!/bin/sh
# Renders the committed PNG icons from the hand-drawn SVG (needs rsvg-convert from librsvg2-bin).
# Run after editing org.reviewdesk.ReviewDesk.svg, then commit the PNGs.
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" org.reviewdesk.ReviewDesk.svg -o "icons/reviewdesk-$size.png"
done
