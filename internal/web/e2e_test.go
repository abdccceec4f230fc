package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// findChromium returns a Chromium or Chrome binary, or "" when the
// machine has none: TALLY_CHROMIUM, else the usual names on PATH.
// .ci/run installs Debian's chromium package.
func findChromium() string {
	if p := os.Getenv("TALLY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestEndToEnd drives a real headless Chromium through the demo: search,
// a series page whose chart has a mark per claim, and a figure's evidence
// page with its sentence highlighted. It also checks the page's script
// runs under the Content-Security-Policy ("/" focuses the search box), no
// page logs an error (a CSP violation would), and the series page fits a
// phone's width.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end browser test skipped in -short mode")
	}
	bin := findChromium()
	if bin == "" {
		t.Skip("no chromium binary (apt-get install chromium, or set TALLY_CHROMIUM)")
	}
	f := newFixture(t, Options{LoopbackOnly: true})
	var tl timelineJSON
	f.getJSON(t, timelinePath(ncSeries), 200, &tl)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", bin, err)
	}
	var mu sync.Mutex
	var problems []string
	go func() {
		for m, err := range chromedp.Console(bctx) {
			if err != nil {
				return
			}
			if m.Type == "error" || m.IsException() || m.Type == "warning" {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return v
	}
	// follow clicks a link or button and waits for the page it loads.
	follow := func(step, sel string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(sel))); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	check := func(what, expr string) {
		t.Helper()
		if v := eval(expr); v != true {
			t.Fatalf("%s: %s is %v", what, expr, v)
		}
	}

	// Search.
	do("open the search page", chromedp.Navigate(f.ts.URL+"/"), chromedp.WaitVisible("#q"))
	do("type a search", chromedp.SendKeys("#q", "casualties"))
	follow("submit the search", "form.search button[type=submit]")
	check("the results", `location.search.includes("q=casualties") && !!document.querySelector("#results tbody tr")`)
	rows := eval(`document.querySelectorAll("#results tbody tr").length`).(float64)
	matching := eval(`[...document.querySelectorAll("#results tbody tr")].filter(r => /casualt/i.test(r.textContent)).length`).(float64)
	if rows == 0 || rows != matching {
		t.Errorf("search: %v rows, %v mention casualties", rows, matching)
	}

	// The script runs: "/" jumps to the search box.
	do("open the series list", chromedp.Navigate(f.ts.URL+"/series"), chromedp.WaitVisible("#series"))
	do("press /", chromedp.KeyEvent("/"))
	if id := eval(`document.activeElement && document.activeElement.id`); id != "q" {
		t.Errorf(`"/" focused %v, not the search box`, id)
	}

	// A series page, reached by its link.
	follow("open the series", `a[href="/series/North%20Korea%2Fcasualties"]`)
	check("the series page", `location.pathname.startsWith("/series/North") && !!document.querySelector("svg#chart")`)
	marks := eval(`document.querySelectorAll("svg#chart .mark").length`).(float64)
	tableRows := eval(`document.querySelectorAll("#claims tbody tr").length`).(float64)
	if int(marks) != len(tl.Claims) || int(tableRows) != len(tl.Claims) {
		t.Errorf("chart has %v marks and the table %v rows for %d claims", marks, tableRows, len(tl.Claims))
	}
	// Every mark is drawn inside the chart.
	inside := eval(`(() => { const s = document.querySelector("svg#chart").getBoundingClientRect();
		return [...document.querySelectorAll("svg#chart .mark")].every(m => { const r = m.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && r.left >= s.left - 1 && r.right <= s.right + 1 && r.top >= s.top - 1 && r.bottom <= s.bottom + 1; }); })()`)
	if inside != true {
		t.Error("a chart mark is empty or outside the chart")
	}
	if n := eval(`document.querySelectorAll("svg#chart .conflict").length`).(float64); int(n) != len(tl.Conflicts) {
		t.Errorf("%v conflict marks for %d conflicts", n, len(tl.Conflicts))
	}

	// Readable on a phone: nothing wider than the screen.
	do("phone viewport", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible("svg#chart"))
	if fits := eval(`document.documentElement.scrollWidth <= window.innerWidth`); fits != true {
		t.Errorf("series page wider than a phone: %v > %v", eval(`document.documentElement.scrollWidth`), eval(`window.innerWidth`))
	}
	do("desktop viewport", chromedp.ResetViewport(), chromedp.Reload(), chromedp.WaitVisible("svg#chart"))

	// Follow the first claim to its evidence.
	first := tl.Claims[0]
	var want reportJSON
	for _, r := range first.Reports {
		if r.Evidence == first.Evidence {
			want = r
		}
	}
	follow("open the evidence", `#claims tbody tr:first-child a.evidence`)
	check("the evidence page", `location.pathname.startsWith("/documents/") && !!document.querySelector("mark#figure")`)
	sentence, err := chromedp.Run(ctx, chromedp.TextContent("mark#figure"))
	if err != nil || sentence != want.Sentence {
		t.Errorf("highlighted %q (%v), want %q", sentence, err, want.Sentence)
	}
	number, err := chromedp.Run(ctx, chromedp.TextContent("mark#figure span.num-selected"))
	if err != nil || number != want.NumberText {
		t.Errorf("emphasised number %q (%v), want %q", number, err, want.NumberText)
	}
	if visible := eval(`(() => { const r = document.querySelector("mark#figure").getBoundingClientRect();
		return r.top < window.innerHeight && r.bottom > 0; })()`); visible != true {
		t.Error("the highlighted sentence is not scrolled into view")
	}
	if bg := eval(`getComputedStyle(document.querySelector("mark#figure")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
		t.Error("the highlight has no background: style sheet not applied")
	}

	time.Sleep(100 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		if !strings.Contains(p, "favicon.ico") {
			t.Errorf("browser console: %s", p)
		}
	}
}
