#!/bin/sh
# Retakes the user guide's screenshots from a build folder's app and demo cases, under Xvfb: guide-*.png
# through the real app and keys, request-panel*.png and the case pictures through rd_ui_screenshots.
#   sh docs/screenshots/take-screenshots.sh BUILD_DIR
# Needs xvfb (xvfb-run) and packaging/screenshot-deps.txt: xdotool, imagemagick (import) and, for the dark ones, qt6-gtk-platformtheme.
# Look at every picture before committing it.
set -eu
build=$(cd "${1:?usage: take-screenshots.sh BUILD_DIR}" && pwd)
out=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/reviewdesk-shots
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
. "$out/shot.sh"

# A fresh home with a copy of the demo cases in ~/Cases (the queue shows "~/Cases": no path of this
# machine in the pictures), the app on them (language in RD_LANG).
setup=$(
    cat <<SETUP
export HOME="$work/reviewer" USER=reviewer
rm -rf "\$HOME"; mkdir -p "\$HOME/.config/ReviewDesk"; cp -r "$build/demo" "\$HOME/Cases"
# Records that came later, for Add Clinical Records (a generated test PDF).
cp "$build/testpdfs/text-3pages.pdf" "\$HOME/rfi-answer.pdf"
# The demo's people (password demo-password) and its organization roster; the app asks who is
# working and their password.
cp -r "$build/demo-home" "\$HOME/people"
export REVIEWDESK_HOME="\$HOME/people" REVIEWDESK_CONFIG_DIR="$build/demo-config"
[ -z "\${RD_LANG:-}" ] || printf '[ui]\nlanguage=%s\n' "\$RD_LANG" >"\$HOME/.config/ReviewDesk/ReviewDesk.conf"
"$build/bin/reviewdesk" "\$HOME/Cases" & pid=\$!
SETUP
)

shot guide-login.png "$setup" "type:demo-password"
shot guide-queue.png "$setup" login focus Down
shot guide-judgment.png "$setup" login focus Down Return sleep:2 m 1 sleep:1
shot guide-summary.png "$setup" login focus Down Down Return sleep:2 s
shot guide-route-pend.png "$setup" login focus Down Down Return sleep:2 s ctrl+r sleep:1
shot guide-shortcuts.png "$setup" login focus F1 sleep:1
shot guide-add-records.png "$setup" login focus Down Down Return sleep:2 alt+f a sleep:1 "type:$work/reviewer/rfi-answer.pdf" Return sleep:2
shot guide-es-summary.png "$setup" env:RD_LANG=es login focus Down Down Return sleep:2 s
shot guide-dark-queue.png "$setup" env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark login focus Down
shot guide-dark-summary.png "$setup" env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark login focus Down Down Return sleep:2 s

# The request panel (request-panel*.png) and the case pictures of tests/ui/screenshots.cpp: light (with
# queue.png, case-checklist.png, summary.png and menu-review.png), dark (Fusion and a complete dark palette,
# what a dark desktop gives the app; no GTK theme needed) and Spanish.
for variant in "$build/app/reviewdesk_en.qm" dark "$build/app/reviewdesk_es.qm"; do
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bin/rd_ui_screenshots" "$out" "$variant" 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; echo "failed: rd_ui_screenshots $variant" >&2; }
done
ls "$out"/request-panel*.png

# The letters (letter-*.png): page 1 of the synthetic letters tests/model/tst_letters.cpp writes
# (ERISA group plan, Oregon), at 60 dots per inch.
mkdir -p "$work/letters"
QT_QPA_PLATFORM=offscreen REVIEWDESK_KEEP_LETTERS="$work/letters" "$build/bin/tst_model_letters" pdfIsReadableAndWhole \
    >/dev/null
for letter in approval-en denial-en information-request-en partial-es; do
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/letters/$letter.pdf" "$out/letter-$letter"
    echo "$out/letter-$letter.png"
done
