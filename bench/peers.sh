#!/usr/bin/env bash
# ReviewDesk beside the viewers reviewers already use (qpdfview, evince), on the same record. Run by
# hand, never in CI: it installs packages (apt-get) and wants a machine as quiet as can be had.
#
#   bench/peers.sh BUILD_DIR [PAGES] [RUNS]      (PAGES 100, 500 or 2000; default 500, 3 runs)
#   PEERS_SHOTS=DIR keeps a screenshot of each viewer's first page and search result, to check by eye.
#
# Each viewer runs under xvfb-run (1600x1000) with openbox, whose rule (an <applications> entry) maps every
# window maximized from the start, so that no viewer's clock includes a resize after its window appears; all
# of them share one session bus (dbus-run-session), as on a desktop. They open BUILD_DIR/testpdfs/big-PAGES.pdf;
# ReviewDesk opens a case file that holds it (its login notice is dismissed at once; the time the notice is
# on screen is taken off its clock). Per run:
#   first page  from exec until the middle of the screen shows page text (the standard deviation
#               of a grey crop above a threshold: an empty window or a blank page is flat). The screen is
#               sampled as fast as ImageMagick's import allows (about every 30-60 ms): coarse, the same
#               for every viewer.
#   memory      the peak PSS of the viewer's process tree (smaps_rollup, ReviewDesk's PDF workers
#               included) while paging to the end (Page Down, as many times as there are pages) and for
#               2 s after.
#   search      a fresh start of the viewer: once page 1 is shown, a click on it, then Ctrl+F, a word only
#               the last page holds (page-marker-PAGES, typed by xdotool) and Enter; from the first key
#               until the screen shows what it shows once the search has settled (the crop's signature
#               sampled as above; the earliest sample from which it stays the final one): the hit's page
#               on screen, highlighted.
# Prints the medians and ReviewDesk / qpdfview, ReviewDesk / evince, with the date and the load.
set -euo pipefail

build=$(cd "${1:?usage: bench/peers.sh BUILD_DIR [PAGES] [RUNS]}" && pwd)
pages=${2:-500}
runs=${3:-3}
pdf=$build/testpdfs/big-$pages.pdf
[ -f "$pdf" ] || { echo "peers.sh: no $pdf (build the rd_test_pdfs / rd_bench_pdfs targets)" >&2; exit 2; }

if [ -z "${PEERS_INSIDE_X:-}" ]; then
    need=()
    for tool in qpdfview evince openbox xdotool import xvfb-run dbus-run-session; do
        command -v "$tool" > /dev/null || need+=("$tool")
    done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get install -y qpdfview evince openbox xdotool imagemagick xvfb x11-utils dbus-daemon > /dev/null
    fi
    echo "peers.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    PEERS_INSIDE_X=1 exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every window maximized as it is mapped (no window manager resize after the first paint).
cat > "$work/openbox-rc.xml" << 'XML'
<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <applications>
    <application class="*" type="normal">
      <maximized>yes</maximized>
    </application>
  </applications>
</openbox_config>
XML
openbox --config-file "$work/openbox-rc.xml" > /dev/null 2>&1 &
sleep 1
export REVIEWDESK_HOME=$work/home
mkdir -p "$REVIEWDESK_HOME"
case=$("$build/bin/bench_make_case" "$pdf" "$pages" "$work")

now_ms() { date +%s%3N; }

# Descendants of a pid, itself included.
tree() {
    local pids=$1 frontier=$1 next
    while [ -n "$frontier" ]; do
        next=""
        for p in $frontier; do next="$next $(pgrep -P "$p" || true)"; done
        frontier=$(echo $next)
        pids="$pids $frontier"
    done
    echo $pids
}

pss_kib() {
    local sum=0 v
    for p in $(tree "$1"); do
        v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2> /dev/null || echo 0)
        sum=$((sum + ${v:-0}))
    done
    echo $sum
}

# Whether the area where the viewer puts page 1 (CROP, set per viewer) shows text.
page_shown() {
    local sd
    sd=$(import -window root -crop "$CROP" -colorspace Gray -format '%[fx:standard_deviation]' info: 2> /dev/null || echo 0)
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.08) }'
}

# start NAME COMMAND...: starts the viewer maximized (sets pid, start, CROP, page_point) and waits for page 1
# (sets first, -1 if it never showed).
start_viewer() {
    local name=$1
    shift
    # Where page 1 appears in a maximized window, and a point on the pages (to give them the focus):
    # ReviewDesk shows the record left of the checklist; the others centre the page.
    if [ "$name" = reviewdesk ]; then
        CROP=300x200+380+250 page_point="560 500"
    else
        CROP=300x200+650+250 page_point="800 500"
    fi
    start=$(now_ms)
    "$@" > /dev/null 2>&1 &
    pid=$!
    local waited=0
    if [ "$name" = reviewdesk ]; then
        # The notice that nobody is set up to sign (over the main window, shown before it): the time it
        # stays on screen is not counted. Polled every 10 ms (xdotool's --sync polls every 500 ms).
        for _ in $(seq 1 3000); do
            xdotool search --onlyvisible --name "Who is working" > /dev/null 2>&1 && break
            sleep 0.01
        done
        local shown
        shown=$(now_ms)
        xdotool key --clearmodifiers Return
        waited=$(($(now_ms) - shown))
    fi
    first=-1
    for _ in $(seq 1 600); do
        if page_shown; then
            first=$(($(now_ms) - start - waited))
            # PEERS_SHOTS=DIR keeps what each viewer showed then, to check the crops by eye.
            [ -n "${PEERS_SHOTS:-}" ] && import -window root "$PEERS_SHOTS/$name-first.png"
            break
        fi
    done
}

stop_viewer() {
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    sleep 1
}

# search NAME COMMAND...: prints the milliseconds from the first key of the search to the final screen.
search() {
    start_viewer "$@"
    sleep 1
    xdotool mousemove $page_point click 1
    sleep 0.5
    local t0 samples="" sig final result=-1
    t0=$(now_ms)
    xdotool key --clearmodifiers ctrl+f
    xdotool type --delay 12 "page-marker-$pages"
    xdotool key Return
    for _ in $(seq 1 200); do
        sig=$(import -window root -crop "$CROP" -format '%#' info: 2> /dev/null || echo none)
        samples="$samples $(($(now_ms) - t0)):$sig"
        [ $(($(now_ms) - t0)) -gt 8000 ] && break
    done
    final=${samples##*:}
    # PEERS_TIMELINE=1: when the crop changed, on stderr (what the screen did between the keys and the end).
    if [ -n "${PEERS_TIMELINE:-}" ]; then
        local previous="" changes=""
        for s in $samples; do
            [ "${s#*:}" != "$previous" ] && changes="$changes ${s%%:*}"
            previous=${s#*:}
        done
        echo "peers.sh: $1 search, ms from the first key when the crop changed:$changes; samples: $(echo $samples | wc -w)" >&2
    fi
    [ -n "${PEERS_SHOTS:-}" ] && import -window root "$PEERS_SHOTS/$1-search.png"
    # The earliest sample from which the screen stays the final one.
    for s in $samples; do
        if [ "${s#*:}" = "$final" ]; then
            [ "$result" -lt 0 ] && result=${s%%:*}
        else
            result=-1
        fi
    done
    stop_viewer
    echo "$result"
}

# run NAME COMMAND...: prints "first_ms peak_pss_kib".
run() {
    local peak pss
    start_viewer "$@"
    sleep 1
    xdotool mousemove $page_point click 1
    peak=$(pss_kib "$pid")
    for _ in $(seq 1 $((pages / 20 + 1))); do
        xdotool key --delay 15 --repeat 25 Next
        pss=$(pss_kib "$pid")
        [ "$pss" -gt "$peak" ] && peak=$pss
    done
    for _ in 1 2 3 4; do
        sleep 0.5
        pss=$(pss_kib "$pid")
        [ "$pss" -gt "$peak" ] && peak=$pss
    done
    stop_viewer
    echo "$first $peak"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A firstOf memOf searchOf
# PEERS_VIEWERS="reviewdesk" (say) runs only those; PEERS_SEARCH_ONLY=1 skips the first-page and memory runs.
viewers=${PEERS_VIEWERS:-reviewdesk qpdfview evince}
for viewer in $viewers; do
    firsts=""
    mems=""
    searches=""
    case $viewer in
    reviewdesk) command=("$build/bin/reviewdesk" "$case") ;;
    qpdfview) command=(qpdfview "$pdf") ;;
    evince) command=(evince "$pdf") ;;
    esac
    for _ in $(seq 1 "$runs"); do
        if [ -n "${PEERS_SEARCH_ONLY:-}" ]; then
            result="0 0"
        else
            result=$(run "$viewer" "${command[@]}")
        fi
        firsts="$firsts ${result% *}"
        mems="$mems ${result#* }"
        searches="$searches $(search "$viewer" "${command[@]}")"
    done
    firstOf[$viewer]=$(echo $firsts | tr ' ' '\n' | median)
    memOf[$viewer]=$(echo $mems | tr ' ' '\n' | median)
    searchOf[$viewer]=$(echo $searches | tr ' ' '\n' | median)
    printf '%-10s first page %6s ms (runs:%s), peak PSS after paging to the end %6d MiB, search to visible %6s ms (runs:%s)\n' \
        "$viewer" "${firstOf[$viewer]}" "$firsts" $((${memOf[$viewer]} / 1024)) "${searchOf[$viewer]}" "$searches"
done
for peer in $viewers; do
    [ "$peer" = reviewdesk ] && continue
    [ -n "${firstOf[reviewdesk]:-}" ] || break
    awk -v a="${firstOf[reviewdesk]}" -v b="${firstOf[$peer]}" -v m="${memOf[reviewdesk]}" -v n="${memOf[$peer]}" \
        -v s="${searchOf[reviewdesk]}" -v t="${searchOf[$peer]}" -v p="$peer" \
        'BEGIN { printf "ReviewDesk / %s: first page %.2f, memory %.2f, search %.2f\n", p, a / b, m / n, s / t }'
done
echo "peers.sh: done $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
