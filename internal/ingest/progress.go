package ingest

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// NewProgress returns a progress display on w: a live bar with counts
// when w is a terminal, else a plain log line every interval (for logs and
// pipes, where a bar would be noise). Errors are printed by the caller.
func NewProgress(w io.Writer, terminal bool, interval time.Duration) Progress {
	if terminal {
		bar := progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSpinnerType(14),
		)
		return &barProgress{bar: bar}
	}
	return &logProgress{w: w, every: interval, last: time.Now()}
}

// barProgress drives a progress bar whose description carries the counts.
type barProgress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

func (p *barProgress) Document(so Summary) { p.update(so, 1) }
func (p *barProgress) Error(_ error, so Summary) {
	p.update(so, 0)
}

func (p *barProgress) update(so Summary, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(fmt.Sprintf("%d new, %d dup, %d figures, %d errors", so.New, so.Duplicate+so.NearDuplicate, so.Figures, so.Failed))
	_ = p.bar.Add(n)
}

// Finish clears the bar so the summary line starts on a clean line.
func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
}

// logProgress prints one line per interval.
type logProgress struct {
	mu    sync.Mutex
	w     io.Writer
	every time.Duration
	last  time.Time
}

func (p *logProgress) Document(so Summary) { p.maybe(so) }
func (p *logProgress) Error(_ error, so Summary) {
	p.maybe(so)
}

func (p *logProgress) maybe(so Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "tally ingest: %s\n", so)
}
