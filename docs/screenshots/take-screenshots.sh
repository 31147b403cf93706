#!/bin/sh
# Retakes the user guide's screenshots from a build folder's app and demo cases, under Xvfb.
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
[ -z "\${RD_LANG:-}" ] || printf '[ui]\nlanguage=%s\n' "\$RD_LANG" >"\$HOME/.config/ReviewDesk/ReviewDesk.conf"
"$build/bin/reviewdesk" "\$HOME/Cases" & pid=\$!
sleep 4
xdotool search --onlyvisible --name ReviewDesk windowfocus --sync || true
for key in "\$@"; do
    case "\$key" in sleep:*) sleep "\${key#sleep:}" ;; *) xdotool key "\$key" ;; esac
    sleep 0.7
done
sleep 1
# The window and any dialog over it (no window manager: the window sits at 0,0).
import -window root -crop 1400x900+0+0 +repage "$out/$name"
kill \$pid
INNER
    xvfb-run -a -s "-screen 0 1600x1000x24" sh "$work/run.sh" "$@" 2>/dev/null
    echo "$out/$name"
}

shot queue.png Down
shot judgment.png Down Return sleep:2 m 1 sleep:1
shot summary.png Down Down Return sleep:2 s
shot route-pend.png Down Down Return sleep:2 s ctrl+r sleep:1
shot shortcuts.png F1 sleep:1
shot es-summary.png env:RD_LANG=es Down Down Return sleep:2 s
shot dark-queue.png env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark Down
shot dark-summary.png env:QT_QPA_PLATFORMTHEME=gtk3 env:GTK_THEME=Adwaita:dark Down Down Return sleep:2 s
