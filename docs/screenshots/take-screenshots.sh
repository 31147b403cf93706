#!/bin/sh
# Retakes the user guide's screenshots from a build folder's app and demo cases, under Xvfb: guide-*.png
# through the real app and keys, request-panel*.png and the case pictures through rd_ui_screenshots.
#   sh docs/screenshots/take-screenshots.sh BUILD_DIR
# Needs xvfb (xvfb-run), xdotool, imagemagick (import) and, for the dark ones, qt6-gtk-platformtheme.
# Look at every picture before committing it.
set -eu
build=$(cd "${1:?usage: take-screenshots.sh BUILD_DIR}" && pwd)
out=$(cd "$(dirname "$0")" && pwd)
# A short, fixed folder: the queue's status bar shows where the cases are.
work=${TMPDIR:-/tmp}/reviewdesk-shots
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# shot OUT.png [env:VAR=VALUE]... [KEY|sleep:SECONDS]...: a fresh copy of the demo cases, the app
# (language in RD_LANG), the keys, a picture.
shot() {
    name=$1
    shift
    cat >"$work/run.sh" <<INNER
set -eu
export HOME="$work/reviewer" USER=reviewer
while [ \$# -gt 0 ] && [ "\${1#env:}" != "\$1" ]; do export "\${1#env:}"; shift; done
rm -rf "\$HOME"; mkdir -p "\$HOME/.config/ReviewDesk"; cp -r "$build/demo" "\$HOME/Cases"
# Records that came later, for Add Clinical Records (a generated test PDF).
cp "$build/testpdfs/text-3pages.pdf" "\$HOME/rfi-answer.pdf"
# The demo's people (password demo-password) and its organization roster; the app asks who is
# working and their password.
cp -r "$build/demo-home" "\$HOME/people"
export REVIEWDESK_HOME="\$HOME/people" REVIEWDESK_CONFIG_DIR="$build/demo-config"
[ -z "\${RD_LANG:-}" ] || printf '[ui]\nlanguage=%s\n' "\$RD_LANG" >"\$HOME/.config/ReviewDesk/ReviewDesk.conf"
"$build/bin/reviewdesk" "\$HOME/Cases" & pid=\$!
sleep 4
# No window manager: give the keyboard to the dialog asking who is working, then (focus) the window.
focus() {
    w=\$(timeout 20 xdotool search --sync --onlyvisible --name "\$1" | head -1)
    [ -z "\$w" ] || xdotool windowfocus --sync "\$w"
    sleep 0.5
}
focus "Who is working|trabajando"
for key in "\$@"; do
    case "\$key" in
    sleep:*) sleep "\${key#sleep:}" ;;
    type:*) xdotool type --delay 20 "\${key#type:}" ;;
    focus) focus ReviewDesk ;;
    login) # "Who is working?": the password, then Return; under the GTK platform theme the dialog
        # misses synthetic keys, so click Start Working, which GTK's button order puts at the bottom right.
        w=\$(timeout 20 xdotool search --sync --onlyvisible --name "Who is working|trabajando" | head -1)
        xdotool windowfocus --sync "\$w" type --delay 20 demo-password
        if [ "\${QT_QPA_PLATFORMTHEME:-}" = gtk3 ]; then
            eval "\$(xdotool getwindowgeometry --shell "\$w")"
            xdotool mousemove \$((X + WIDTH - 60)) \$((Y + HEIGHT - 20)) click 1 mousemove 0 0
        else
            xdotool windowfocus --sync "\$w" key Return
        fi
        sleep 1 ;;
    *) xdotool key "\$key" ;;
    esac
    sleep 0.7
done
sleep 1
# The window and any dialog over it (no window manager: the window sits at 0,0).
import -window root -crop 1400x900+0+0 +repage "$out/$name"
kill \$pid
INNER
    xvfb-run -a -s "-screen 0 1600x1000x24" sh "$work/run.sh" "$@" 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; echo "failed: $name" >&2; }
    echo "$out/$name"
}

shot guide-login.png "type:demo-password"
shot guide-queue.png login focus Down
shot guide-judgment.png login focus Down Return sleep:2 m 1 sleep:1
shot guide-summary.png login focus Down Down Return sleep:2 s
shot guide-route-pend.png login focus Down Down Return sleep:2 s ctrl+r sleep:1
shot guide-shortcuts.png login focus F1 sleep:1
shot guide-add-records.png login focus Down Down Return sleep:2 alt+f a sleep:1 "type:$work/reviewer/rfi-answer.pdf" Return sleep:2
shot guide-es-summary.png env:RD_LANG=es login focus Down Down Return sleep:2 s
shot guide-dark-queue.png env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark login focus Down
shot guide-dark-summary.png env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark login focus Down Down Return sleep:2 s

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
