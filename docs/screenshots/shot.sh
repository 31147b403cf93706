# Sourced by take-screenshots.sh and take-team-screenshots.sh: one picture of the app under Xvfb.
#   shot OUT.png SETUP [env:VAR=VALUE]... [KEY|sleep:SECONDS|type:TEXT|focus|login|run:COMMAND]...
# SETUP is shell text run in the Xvfb session after the env: settings: it prepares $HOME and starts the
# app in the background with `... & pid=$!`. Then "Who is working?" gets the keyboard and the keys are
# given in order: login types the demo password and starts working, focus gives the keyboard to the main
# window, run: runs a command (a function SETUP defines). The picture is of the top left 1400x900.
# Needs $work (a scratch folder) and $out (the pictures' folder); xvfb-run, xdotool, imagemagick.
shot() {
    name=$1
    setup=$2
    shift 2
    {
        cat <<'HEAD'
set -eu
picture=$1
shift
while [ $# -gt 0 ] && [ "${1#env:}" != "$1" ]; do export "${1#env:}"; shift; done
HEAD
        printf '%s\n' "$setup"
        cat <<'KEYS'
sleep 4
# No window manager: give the keyboard to a window by its name.
focus() {
    w=$(timeout 20 xdotool search --sync --onlyvisible --name "$1" | head -1)
    [ -z "$w" ] || xdotool windowfocus --sync "$w"
    sleep 0.5
}
focus "Who is working|trabajando"
for key in "$@"; do
    case "$key" in
    sleep:*) sleep "${key#sleep:}" ;;
    type:*) xdotool type --delay 20 "${key#type:}" ;;
    run:*) ${key#run:} ;;
    focus) focus ReviewDesk ;;
    login) # "Who is working?": the password, then Return; under the GTK platform theme the dialog
        # misses synthetic keys, so click Start Working, which GTK's button order puts at the bottom right.
        w=$(timeout 20 xdotool search --sync --onlyvisible --name "Who is working|trabajando" | head -1)
        xdotool windowfocus --sync "$w" type --delay 20 demo-password
        if [ "${QT_QPA_PLATFORMTHEME:-}" = gtk3 ]; then
            eval "$(xdotool getwindowgeometry --shell "$w")"
            xdotool mousemove $((X + WIDTH - 60)) $((Y + HEIGHT - 20)) click 1 mousemove 0 0
        else
            xdotool windowfocus --sync "$w" key Return
        fi
        sleep 1 ;;
    *) xdotool key "$key" ;;
    esac
    sleep 0.7
done
sleep 1
# The window and any dialog over it (no window manager: the window sits at 0,0).
import -window root -crop 1400x900+0+0 +repage "$picture"
kill $pid
KEYS
    } >"$work/run.sh"
    xvfb-run -a -s "-screen 0 1600x1000x24" sh "$work/run.sh" "$out/$name" "$@" 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; echo "failed: $name" >&2; }
    echo "$out/$name"
}
